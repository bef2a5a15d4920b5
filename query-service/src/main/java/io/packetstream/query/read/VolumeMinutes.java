package io.packetstream.query.read;

import io.packetstream.query.read.QueryResult.MinuteVolume;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums question 2's per-day hash fields ({@code p<minuteOfDay>} packets, {@code b<minuteOfDay>} bytes) into
 * per-minute totals, keeping a minute iff it overlaps the asked range (first to last minute, inclusive).
 * Not thread-safe: one per answer, fed sequentially.
 */
final class VolumeMinutes {

    private static final int MINUTES_PER_DAY = 1440;

    private final long firstMinute;
    private final long lastMinute;
    private final Map<Long, long[]> minutes = new TreeMap<>();

    VolumeMinutes(long firstMinute, long lastMinute) {
        this.firstMinute = firstMinute;
        this.lastMinute = lastMinute;
    }

    /**
     * @param epochDay the day of the hash
     * @param field    {@code p<minuteOfDay>} or {@code b<minuteOfDay>}; other fields are ignored
     * @param value    the decimal count
     */
    void add(long epochDay, String field, byte[] value) {
        if (field.length() < 2 || (field.charAt(0) != 'p' && field.charAt(0) != 'b')) {
            return;
        }
        int minuteOfDay;
        long count;
        try {
            minuteOfDay = Integer.parseInt(field.substring(1));
            count = Long.parseLong(new String(value, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("volume field " + field + " does not hold a count", e);
        }
        if (minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("volume field " + field + " names no minute of a day");
        }
        long minute = epochDay * MINUTES_PER_DAY + minuteOfDay;
        if (minute < firstMinute || minute > lastMinute) {
            return;
        }
        long[] totals = minutes.computeIfAbsent(minute, m -> new long[2]);
        totals[field.charAt(0) == 'p' ? 0 : 1] += count;
    }

    /** @return the minutes with packets, ascending */
    List<QueryResult> results() {
        List<QueryResult> out = new ArrayList<>(minutes.size());
        minutes.forEach((minute, totals) -> {
            if (totals[0] > 0) {
                out.add(new MinuteVolume(minute, totals[0], totals[1]));
            }
        });
        return out;
    }
}

package io.packetstream.core.time;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a run of minutes into the fewest minute and hour buckets that cover it exactly, so a query over
 * days reads hour keys and only the ragged ends minute by minute.
 */
public final class TimeBuckets {

    private TimeBuckets() {
    }

    /**
     * @param firstMinute  first epoch minute, inclusive
     * @param lastMinute   last epoch minute, inclusive
     * @param hoursWithData the epoch hours known to hold data, ascending; hours not in it are skipped
     * @return minute buckets for partial hours and hour buckets for whole ones
     */
    public static List<TimeBucket> cover(long firstMinute, long lastMinute, List<Long> hoursWithData) {
        List<TimeBucket> buckets = new ArrayList<>();
        for (long hour : hoursWithData) {
            long hourStart = hour * 60;
            long hourEnd = hourStart + 59;
            if (hourEnd < firstMinute || hourStart > lastMinute) {
                continue;
            }
            if (hourStart >= firstMinute && hourEnd <= lastMinute) {
                buckets.add(TimeBucket.hour(hour));
            } else {
                for (long m = Math.max(hourStart, firstMinute); m <= Math.min(hourEnd, lastMinute); m++) {
                    buckets.add(TimeBucket.minute(m));
                }
            }
        }
        return buckets;
    }
}

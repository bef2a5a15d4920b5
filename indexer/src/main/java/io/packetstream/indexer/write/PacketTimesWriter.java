package io.packetstream.indexer.write;

import io.packetstream.core.keys.KeySchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Question 5: per sensor, UTC day and minute-of-day, the lowest and highest stream-entry millisecond holding a
 * packet captured in that minute, so the query service maps a time range to a range of entry ids to scan.
 */
final class PacketTimesWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    /** sensor and UTC day → minute-of-day → {lowest, highest} entry ms; keys are named once per day, at emit */
    private final Map<Day, Map<Integer, long[]>> days = new LinkedHashMap<>();

    private record Day(String sensor, long epochDay) {
    }

    PacketTimesWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        Map<Integer, long[]> minutes = days.computeIfAbsent(new Day(p.sensor(), p.epochDay()), d -> new TreeMap<>());
        long ms = p.entryMillis();
        long[] range = minutes.get(p.minuteOfDay());
        if (range == null) {
            minutes.put(p.minuteOfDay(), new long[]{ms, ms});
            return;
        }
        range[0] = Math.min(range[0], ms);
        range[1] = Math.max(range[1], ms);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        for (Map.Entry<Day, Map<Integer, long[]>> e : days.entrySet()) {
            Day day = e.getKey();
            List<byte[]> lows = new ArrayList<>(2 * e.getValue().size());
            List<byte[]> highs = new ArrayList<>(2 * e.getValue().size());
            for (Map.Entry<Integer, long[]> m : e.getValue().entrySet()) {
                byte[] member = Args.number(m.getKey());
                lows.add(Args.number(m.getValue()[0]));
                lows.add(member);
                highs.add(Args.number(m.getValue()[1]));
                highs.add(member);
            }
            out.add(new KeyWrite(keys.packetTimes(shard, day.sensor(), day.epochDay(), true), WriteOp.SCORE_MIN, lows));
            out.add(new KeyWrite(keys.packetTimes(shard, day.sensor(), day.epochDay(), false), WriteOp.SCORE_MAX,
                    highs));
        }
        days.clear();
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shard's facts every query needs: the sensors seen ({@code sensors}), the epoch hours with data per sensor
 * ({@code hours:<s>}) and the freshness hash ({@code meta}: oldest and newest capture µs, packets indexed).
 */
final class BookkeepingWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final Map<String, TreeSet<Long>> hoursBySensor = new LinkedHashMap<>();
    private long oldestNanos = Long.MAX_VALUE;
    private long newestNanos = Long.MIN_VALUE;
    private long packets;

    BookkeepingWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        hoursBySensor.computeIfAbsent(p.sensor(), s -> new TreeSet<>()).add(p.epochHour());
        oldestNanos = Math.min(oldestNanos, p.timeNanos());
        newestNanos = Math.max(newestNanos, p.timeNanos());
        packets++;
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        if (packets == 0) {
            return;
        }
        List<byte[]> sensors = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Long>> e : hoursBySensor.entrySet()) {
            sensors.add(e.getKey().getBytes(StandardCharsets.UTF_8));
            List<byte[]> hours = new ArrayList<>(2 * e.getValue().size());
            for (long hour : e.getValue()) {
                byte[] h = Args.number(hour);
                hours.add(h);
                hours.add(h);
            }
            out.add(new KeyWrite(keys.hours(shard, e.getKey()), WriteOp.SORTED_ADD, hours));
        }
        out.add(new KeyWrite(keys.sensors(shard), WriteOp.SET_ADD, sensors));
        out.add(new KeyWrite(keys.meta(shard), WriteOp.META, List.of(
                Args.number(CaptureTime.micros(oldestNanos)), Args.number(CaptureTime.micros(newestNanos)),
                Args.number(packets))));
        hoursBySensor.clear();
        packets = 0;
        oldestNanos = Long.MAX_VALUE;
        newestNanos = Long.MIN_VALUE;
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Question 1: per sensor and epoch second, every connection with the first and last nanosecond-of-second it was
 * seen. The batch keeps one window per connection-second; the shard writer widens what Redis already holds.
 *
 * <p>Writes come out in ascending second (then sensor, then partition) order, connections in unsigned byte order:
 * change events rely on the ascending seconds to announce a connection crossing a second boundary once. Connections
 * are gathered in hash maps and sorted once per second at the end, cheaper than keeping them sorted per packet.
 */
final class ActiveConnectionsWriter implements IndexWriter {

    private static final Comparator<Map.Entry<Bytes, int[]>> UNSIGNED =
            (x, y) -> Arrays.compareUnsigned(x.getKey().value, y.getKey().value);
    private static final Comparator<Second> ASCENDING = Comparator.comparingLong(Second::epochSecond)
            .thenComparing(Second::sensor);

    private final KeySchema keys;
    private final int shard;
    private final Map<Second, Map<Bytes, int[]>> windows = new TreeMap<>(ASCENDING);

    private record Second(long epochSecond, String sensor) {
    }

    ActiveConnectionsWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        if (!p.countsForPortQuestions()) {
            return;
        }
        Second second = new Second(CaptureTime.epochSecond(p.timeNanos()), p.sensor());
        int nano = CaptureTime.nanoOfSecond(p.timeNanos());
        int[] window = windows.computeIfAbsent(second, k -> new HashMap<>())
                .computeIfAbsent(new Bytes(Connection.of(p.ip()).encode()), c -> new int[]{nano, nano});
        window[0] = Math.min(window[0], nano);
        window[1] = Math.max(window[1], nano);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        for (Map.Entry<Second, Map<Bytes, int[]>> e : windows.entrySet()) {
            Second second = e.getKey();
            List<Map.Entry<Bytes, int[]>> connections = new ArrayList<>(e.getValue().entrySet());
            connections.sort(UNSIGNED);
            List<List<byte[]>> partitions = new ArrayList<>(KeySchema.CONNECTION_PARTITIONS);
            for (int p = 0; p < KeySchema.CONNECTION_PARTITIONS; p++) {
                partitions.add(new ArrayList<>());
            }
            for (Map.Entry<Bytes, int[]> w : connections) {
                List<byte[]> args = partitions.get(KeySchema.connectionPartition(w.getKey().value));
                args.add(w.getKey().value);
                args.add(new ActiveWindow(w.getValue()[0], w.getValue()[1]).encode());
            }
            for (int p = 0; p < partitions.size(); p++) {
                if (!partitions.get(p).isEmpty()) {
                    out.add(new KeyWrite(keys.activeConnections(shard, second.sensor(), second.epochSecond(), p),
                            WriteOp.WINDOW_MERGE, partitions.get(p),
                            new ChangeTag.Windows(second.sensor(), second.epochSecond())));
                }
            }
        }
        windows.clear();
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 1: per sensor and epoch second, every connection with the first and last nanosecond-of-second it was
 * seen. The batch keeps one window per connection-second; the script widens what Redis already holds.
 */
final class ActiveConnectionsWriter implements IndexWriter {

    private final KeySchema keys;
    private final int shard;
    private final Map<String, Map<Bytes, int[]>> windows = new LinkedHashMap<>();

    ActiveConnectionsWriter(KeySchema keys, int shard) {
        this.keys = keys;
        this.shard = shard;
    }

    @Override
    public void add(IndexedPacket p) {
        if (!p.countsForPortQuestions()) {
            return;
        }
        String key = keys.activeConnections(shard, p.sensor(), CaptureTime.epochSecond(p.timeNanos()));
        int nano = CaptureTime.nanoOfSecond(p.timeNanos());
        int[] window = windows.computeIfAbsent(key, k -> new HashMap<>())
                .computeIfAbsent(new Bytes(Connection.of(p.ip()).encode()), c -> new int[]{nano, nano});
        window[0] = Math.min(window[0], nano);
        window[1] = Math.max(window[1], nano);
    }

    @Override
    public void emitTo(List<KeyWrite> out) {
        for (Map.Entry<String, Map<Bytes, int[]>> e : windows.entrySet()) {
            List<byte[]> args = new ArrayList<>(2 * e.getValue().size());
            for (Map.Entry<Bytes, int[]> w : e.getValue().entrySet()) {
                args.add(w.getKey().value);
                args.add(new ActiveWindow(w.getValue()[0], w.getValue()[1]).encode());
            }
            out.add(new KeyWrite(e.getKey(), WriteOp.WINDOW_MERGE, args));
        }
        windows.clear();
    }
}

package io.packetstream.bench.pipeline;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.util.Map;
import java.util.TreeMap;

/**
 * Redis memory held by what the indexer writes: index keys (everything in the namespace but the streams) and the
 * change streams ({@code <ns>:{k}:changes}), from exact {@code MEMORY USAGE key SAMPLES 0} of each key (SAMPLES 0
 * reads every node of a stream or collection instead of extrapolating from a few), index keys broken down by
 * structure (q1 … q6, bookkeeping).
 *
 * @param indexBytes  bytes of all index keys
 * @param indexKeys   how many index keys
 * @param changeBytes bytes of the change streams
 * @param streamBytes bytes of the packet and dead-letter streams, for comparison (the captured data itself)
 * @param byKind      bytes per structure of the index keys, e.g. {@code q1} → bytes
 */
record IndexMemory(long indexBytes, long indexKeys, long changeBytes, long streamBytes, Map<String, Long> byKind) {

    static IndexMemory measure(RedisOptions options, KeySchema keys) {
        try (RedisConnections connections = new RedisConnections(options);
             RedisConnection connection = connections.connect()) {
            RedisClusterCommands<String, byte[]> redis = connection.sync();
            long index = 0;
            long count = 0;
            long changes = 0;
            long streams = 0;
            Map<String, Long> byKind = new TreeMap<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(keys.namespace() + ":*").limit(1000));
                for (String key : page.getKeys()) {
                    Long bytes = redis.dispatch(CommandType.MEMORY, new IntegerOutput<>(RedisConnections.CODEC),
                            new CommandArgs<>(RedisConnections.CODEC).add("USAGE").addKey(key).add("SAMPLES").add(0));
                    if (bytes == null) {
                        continue; // expired meanwhile
                    }
                    if ("stream".equals(redis.type(key))) {
                        if (kind(key).equals("changes")) {
                            changes += bytes;
                        } else {
                            streams += bytes;
                        }
                    } else {
                        index += bytes;
                        count++;
                        byKind.merge(kind(key), bytes, Long::sum);
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
            return new IndexMemory(index, count, changes, streams, byKind);
        }
    }

    /** @return index keys plus change streams: what indexing adds to Redis beyond the packets themselves */
    long totalBytes() {
        return indexBytes + changeBytes;
    }

    /** @return the structure a key belongs to: the name part after the shard's hash tag, e.g. q1 or hours */
    private static String kind(String key) {
        int tag = key.indexOf("}:");
        if (tag < 0) {
            return "other";
        }
        String rest = key.substring(tag + 2);
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}

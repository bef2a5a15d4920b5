package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketRecord;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.RedisConnections;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads back what the agent published, the way an indexer would. */
final class Streams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;

    Streams(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect(RedisConnections.CODEC);
    }

    RedisCommands<String, byte[]> redis() {
        return connection.sync();
    }

    /** Every packet of a shard's stream, in entry order, checking each entry's sensor. */
    List<Captured> packets(KeySchema keys, int shard, String sensor) {
        List<Captured> out = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : redis().xrange(keys.stream(shard), Range.create("-", "+"))) {
            String s = new String(m.getBody().get(StreamEntryFields.SENSOR), StandardCharsets.UTF_8);
            if (!s.equals(sensor)) {
                throw new AssertionError("entry " + m.getId() + " has sensor " + s + ", expected " + sensor);
            }
            for (PacketRecord r : PacketBatchReader.read(m.getBody().get(StreamEntryFields.PACKETS))) {
                out.add(new Captured(r.timestampNanos(), r.originalLength(), r.linkType(),
                        Arrays.copyOfRange(r.data(), r.offset(), r.offset() + r.capturedLength())));
            }
        }
        return out;
    }

    long length(KeySchema keys, int shard) {
        return redis().xlen(keys.stream(shard));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}

package io.packetstream.indexer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.PacketBatchWriter;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What integration tests share: a unique namespace on a given Redis, a connection, and publishing packet entries
 * the way an agent does.
 */
public final class IndexerFixture implements AutoCloseable {

    public final KeySchema keys = new KeySchema("it-" + UUID.randomUUID().toString().substring(0, 8));
    public final RedisOptions redisOptions;
    private final RedisConnections connections;
    private final RedisConnection connection;
    private final RedisClient binaryClient;
    private final StatefulRedisConnection<byte[], byte[]> binary;

    public IndexerFixture(String uri) {
        redisOptions = RedisOptions.of(uri);
        connections = new RedisConnections(redisOptions);
        connection = connections.connect();
        binaryClient = RedisClient.create(uri);
        binary = binaryClient.connect(ByteArrayCodec.INSTANCE);
    }

    /** Commands with binary keys too, for reading binary hash fields (question 1). */
    public RedisClusterCommands<byte[], byte[]> binary() {
        return binary.sync();
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return a new connection of its own, for a component that needs one (a shard writer); the caller closes it */
    public RedisConnection connect() {
        return connections.connect();
    }

    public RedisClusterCommands<String, byte[]> redis() {
        return connection.sync();
    }

    /** @return the fixture's own connection, closed with it */
    public RedisConnection connection() {
        return connection;
    }

    /** Options fast enough for tests, setting up a namespace of one shard unless one is stored. */
    public static IndexerOptions.Builder fastOptions(String consumer) {
        return IndexerOptions.builder().consumer(consumer).shards(1).block(Duration.ofMillis(100))
                .progress(Duration.ofSeconds(1)).backoff(Duration.ofMillis(20), Duration.ofMillis(500));
    }

    /** One frame with its capture time and original length. */
    public record Frame(long timeNanos, int originalLength, int linkType, byte[] bytes) {
        public static Frame ethernet(long timeNanos, byte[] bytes) {
            return new Frame(timeNanos, bytes.length, 1, bytes);
        }
    }

    public static byte[] payload(List<Frame> frames) {
        PacketBatchWriter w = new PacketBatchWriter(1024);
        for (Frame f : frames) {
            w.append(f.timeNanos(), f.originalLength(), f.linkType(), f.bytes(), 0, f.bytes().length);
        }
        return w.toBytes();
    }

    /** XADDs one entry of packets from {@code sensor} to the shard's stream; returns its id. */
    public String publish(int shard, String sensor, List<Frame> frames) {
        return publishFields(shard, Map.of(StreamEntryFields.SENSOR, sensor.getBytes(StandardCharsets.UTF_8),
                StreamEntryFields.PACKETS, payload(frames)));
    }

    public String publishFields(int shard, Map<String, byte[]> fields) {
        return redis().xadd(keys.stream(shard), new LinkedHashMap<>(fields));
    }

    public static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        connection.close();
        connections.close();
        binary.close();
        binaryClient.shutdown();
    }
}

package io.packetstream.indexer.consume;

import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Opens the consumer loops' read connections. Unlike the other connections they do not reconnect by themselves
 * ({@link RedisConnections#withoutReconnect}): a re-sent XREADGROUP would deliver a second batch while the first
 * one's reply is lost. Here a dropped read fails, the loop starts over on a new connection and re-reads its
 * pending entries from id 0, so nothing is delivered unseen.
 */
public final class ReadClient implements AutoCloseable {

    private final RedisConnections client;

    /**
     * @param redis where; never {@code null}
     * @param block the longest BLOCK of a read, added to the command timeout
     */
    public ReadClient(RedisOptions redis, Duration block) {
        Objects.requireNonNull(redis, "redis");
        client = RedisConnections.withoutReconnect(
                redis.withCommandTimeout(redis.commandTimeout().plus(Objects.requireNonNull(block, "block"))));
    }

    /** @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached */
    RedisConnection connect() {
        return client.connect();
    }

    @Override
    public void close() {
        client.close();
    }
}

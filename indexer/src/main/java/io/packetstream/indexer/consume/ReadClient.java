package io.packetstream.indexer.consume;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Opens the consumer loops' read connections. Unlike {@link RedisConnections} they do not reconnect by themselves:
 * Lettuce's automatic reconnection re-sends commands that were in flight when the connection dropped, and a
 * re-sent XREADGROUP delivers a second batch while the first one's reply is lost. Here a dropped read fails, the
 * loop starts over on a new connection and re-reads its pending entries from id 0, so nothing is delivered unseen.
 */
public final class ReadClient implements AutoCloseable {

    private final RedisClient client;

    /**
     * @param redis where; never {@code null}
     * @param block the longest BLOCK of a read, added to the command timeout
     */
    public ReadClient(RedisOptions redis, Duration block) {
        Objects.requireNonNull(redis, "redis");
        Duration timeout = redis.commandTimeout().plus(Objects.requireNonNull(block, "block"));
        RedisURI uri = RedisURI.create(redis.uris().get(0));
        uri.setTimeout(timeout);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .sslOptions(redis.tls().sslOptions())
                .autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached */
    StatefulRedisConnection<String, byte[]> connect() {
        return client.connect(RedisConnections.CODEC);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}

package io.packetstream.core.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.util.Objects;

/**
 * Opens Redis connections with packetstream's settings: string keys and binary values, command timeouts,
 * automatic reconnection, and commands rejected at once while disconnected (so callers see the outage and
 * apply their own bounded buffering instead of Lettuce queueing without bound).
 */
public final class RedisConnections implements AutoCloseable {

    /**
     * String keys (they are ASCII, see KeySchema), binary values and members. Lettuce types hash fields and stream
     * field names as keys, so they come back as UTF-8 strings: binary hash fields (question 1's connections) must be
     * read raw, as the query service does, never through this codec's {@code hgetall}.
     */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Commands one connection may queue before Lettuce rejects more. */
    public static final int REQUEST_QUEUE_SIZE = 65_536;

    private final RedisClient client;

    /** @param options where and how; never {@code null} */
    public RedisConnections(RedisOptions options) {
        Objects.requireNonNull(options, "options");
        RedisURI uri = RedisURI.create(options.uris().get(0));
        uri.setTimeout(options.commandTimeout());
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .sslOptions(options.tls().sslOptions())
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
    }

    /**
     * Opens a new connection; each call is a separate socket, so a component can give a blocking read or a
     * transaction a connection of its own.
     *
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public StatefulRedisConnection<String, byte[]> connect() {
        return client.connect(CODEC);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}

package io.packetstream.agent.publish;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.Credentials;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Opens the publisher's connection and checks the shard count, retrying with backoff for as long as it takes;
 * warns once when Redis cannot be reached and says when it can again. Runs on the publisher's thread.
 */
final class RedisConnector {

    private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);

    private final RedisConnections connections;
    private final String redisName;
    private final KeySchema keys;
    private final PublishOptions options;

    RedisConnector(RedisConnections connections, String redisName, KeySchema keys, PublishOptions options) {
        this.connections = connections;
        this.redisName = redisName;
        this.keys = keys;
        this.options = options;
    }

    /**
     * @param stopping  true once the caller gives up
     * @param lastError receives each failure, described in one line
     * @return a connection whose namespace agrees on the shard count, or null when stopped first
     * @throws PublishException when the namespace was set up with another shard count, or Redis refuses the
     *                          credentials or a permission
     */
    RedisConnection connect(BooleanSupplier stopping, Consumer<String> lastError) {
        Backoff wait = new Backoff(options.minBackoff(), options.maxBackoff());
        boolean warned = false;
        while (!stopping.getAsBoolean()) {
            RedisConnection connection = null;
            try {
                connection = connections.connect();
                ShardsConfig.verify(connection.sync(), keys, options.shards());
                if (warned) {
                    log.info("Redis at {} is reachable now", redisName);
                }
                return connection;
            } catch (PublishException e) {
                close(connection);
                throw e;
            } catch (RuntimeException e) {
                close(connection);
                Optional<String> refusal = RedisRefusal.of(e);
                if (refusal.isPresent()) {
                    throw new PublishException(refusal.get()); // waiting would not fix it
                }
                String error = describe(e);
                lastError.accept(error);
                if (!warned) {
                    warned = true;
                    log.warn("cannot reach Redis at {} ({}); retrying with backoff", redisName, error);
                }
                LockSupport.parkNanos(this, wait.nextNanos());
            }
        }
        return null;
    }

    /** @return the exception's message and, if it adds anything, its root cause's; passwords masked */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return Credentials.mask(message); // Lettuce's messages may quote the URL
    }

    private static void close(RedisConnection connection) {
        if (connection != null) {
            connection.closeAsync();
        }
    }
}

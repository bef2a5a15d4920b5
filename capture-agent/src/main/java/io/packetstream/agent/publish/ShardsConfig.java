package io.packetstream.agent.publish;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.keys.NamespaceShards;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Agrees on the number of shards through {@link NamespaceShards}: the agent stores its count when none is stored
 * (it was told {@code --shards}, or follows the default because nothing was stored when it started), and refuses to
 * run with any other.
 */
final class ShardsConfig {

    private static final Logger log = LoggerFactory.getLogger(ShardsConfig.class);
    private static final long STORED_POLL_MILLIS = 200;

    private ShardsConfig() {
    }

    /** @throws PublishException when the namespace was set up with another shard count */
    static void verify(RedisClusterCommands<String, byte[]> redis, KeySchema keys, int shards) {
        NamespaceShards.Claim claim = NamespaceShards.claim(redis, keys, shards);
        if (claim.created()) {
            log.info("namespace '{}' set up with {} shard(s) ({} {})", keys.namespace(), shards, keys.config(),
                    NamespaceShards.FIELD);
        } else if (claim.shards() != shards) {
            throw new PublishException(NamespaceShards.mismatch(keys, claim.shards(), shards));
        }
    }

    /**
     * @return the namespace's stored shard count, empty when none is stored; read with retries until
     * {@code timeout} while Redis cannot be reached
     * @throws PublishException when Redis stays unreachable, refuses the credentials, or holds no valid count
     */
    static OptionalInt stored(RedisOptions redis, KeySchema keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RedisConnections client = new RedisConnections(redis)) {
            while (true) {
                try (RedisConnection connection = client.connect()) {
                    return NamespaceShards.stored(connection.sync(), keys);
                } catch (PacketstreamException e) {
                    throw new PublishException(e.getMessage());
                } catch (RuntimeException e) {
                    String why = RedisConnector.describe(e);
                    if (System.nanoTime() - deadline >= 0 || why.contains("WRONGPASS") || why.contains("NOAUTH")
                            || why.contains("NOPERM")) {
                        throw new PublishException("cannot read the namespace's shard count from Redis at "
                                + redis.shown() + " (" + why + "); start Redis, or pass --shards to start without it");
                    }
                    TimeUnit.MILLISECONDS.sleep(STORED_POLL_MILLIS);
                }
            }
        }
    }
}

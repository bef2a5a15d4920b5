package io.packetstream.agent.publish;

import io.lettuce.core.api.sync.RedisCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.keys.NamespaceShards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agrees on the number of shards through {@link NamespaceShards}: the agent stores its count when none is stored
 * (it was told {@code --shards}, or follows the default because nothing was stored when it started), and refuses to
 * run with any other.
 */
final class ShardsConfig {

    private static final Logger log = LoggerFactory.getLogger(ShardsConfig.class);

    private ShardsConfig() {
    }

    /** @throws PublishException when the namespace was set up with another shard count */
    static void verify(RedisCommands<String, byte[]> redis, KeySchema keys, int shards) {
        NamespaceShards.Claim claim = NamespaceShards.claim(redis, keys, shards);
        if (claim.created()) {
            log.info("namespace '{}' set up with {} shard(s) ({} {})", keys.namespace(), shards, keys.config(),
                    NamespaceShards.FIELD);
        } else if (claim.shards() != shards) {
            throw new PublishException(NamespaceShards.mismatch(keys, claim.shards(), shards));
        }
    }
}

package io.packetstream.agent.publish;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.keys.KeySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Agrees on the number of shards through the hash {@code <ns>:config}, field {@code shards}: the first agent
 * writes it (HSETNX), every later one must match it.
 */
final class ShardsConfig {

    static final String FIELD = "shards";

    private static final Logger log = LoggerFactory.getLogger(ShardsConfig.class);

    private ShardsConfig() {
    }

    /** @throws PublishException when the namespace was set up with another shard count */
    static void verify(RedisClusterCommands<String, byte[]> redis, KeySchema keys, int shards) {
        byte[] wanted = Integer.toString(shards).getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Boolean.TRUE.equals(redis.hsetnx(keys.config(), FIELD, wanted))) {
                log.info("namespace '{}' set up with {} shard(s) ({} {})", keys.namespace(), shards, keys.config(), FIELD);
                return;
            }
            byte[] stored = redis.hget(keys.config(), FIELD);
            if (stored == null) {
                continue; // deleted between the two commands: try to set it again
            }
            if (Arrays.equals(stored, wanted)) {
                return;
            }
            String text = new String(stored, StandardCharsets.UTF_8);
            throw new PublishException("namespace '" + keys.namespace() + "' is set up for " + text
                    + " shard(s) (" + keys.config() + " " + FIELD + "=" + text + ") but this agent has --shards "
                    + shards + "; start it with --shards " + text + " or use another --namespace");
        }
        throw new PublishException(keys.config() + " " + FIELD + " keeps disappearing; is something deleting it?");
    }
}

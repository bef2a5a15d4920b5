package io.packetstream.indexer;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.keys.KeySchema;

import java.nio.charset.StandardCharsets;

/**
 * The deployment's number of shards, from hash {@code <ns>:config} field {@code shards}; 1 is written there
 * (HSETNX) when nobody has yet.
 */
final class ShardCount {

    static final String FIELD = "shards";

    private ShardCount() {
    }

    static int readOrInit(RedisClusterCommands<String, byte[]> redis, KeySchema keys) {
        redis.hsetnx(keys.config(), FIELD, "1".getBytes(StandardCharsets.US_ASCII));
        byte[] value = redis.hget(keys.config(), FIELD);
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        try {
            int shards = Integer.parseInt(text.trim());
            if (shards >= 1 && shards <= KeySchema.MAX_SHARDS) {
                return shards;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PacketstreamException(keys.config() + " field " + FIELD + " is '" + text
                + "', not a shard count between 1 and " + KeySchema.MAX_SHARDS);
    }
}

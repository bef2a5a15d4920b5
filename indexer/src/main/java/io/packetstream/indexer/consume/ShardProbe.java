package io.packetstream.indexer.consume;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.StreamId;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Asks Redis how far the consumer group is with a shard (XINFO GROUPS and XINFO STREAM), for the pending and lag
 * gauges and for waiting until everything written so far is indexed. Blocking.
 */
public final class ShardProbe {

    private final StreamCommands redis;
    private final KeySchema keys;

    /** @param redis a connection to ask on; never {@code null} */
    public ShardProbe(RedisConnection redis, KeySchema keys) {
        this.redis = new StreamCommands(Objects.requireNonNull(redis, "redis"));
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @return the approximate size of the shard's change stream in bytes, 0 when it has none */
    public long changeStreamBytes(int shard) {
        return redis.memoryUsage(keys.changes(shard));
    }

    /** @throws io.lettuce.core.RedisException when Redis cannot be asked */
    public ShardStatus status(int shard) {
        String stream = keys.stream(shard);
        StreamId lastGenerated = redis.lastGeneratedId(stream);
        return redis.group(stream, KeySchema.CONSUMER_GROUP)
                .map(g -> new ShardStatus(g.pending(), g.lag(), !lastGenerated.isAfter(g.lastDelivered())))
                .orElseGet(() -> new ShardStatus(0, OptionalLong.empty(), lastGenerated.equals(StreamId.MIN)));
    }
}

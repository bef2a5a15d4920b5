package io.packetstream.indexer.consume;

import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.keys.KeySchema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * How many shards this indexer should hold: its fair share, the shard count divided by the indexers alive (each
 * one's heartbeat, at most a third of the lease old, in {@link KeySchema#indexers()}), rounded up. An indexer
 * takes free shards up to its share and gives its highest shards back when it holds more (a new indexer joined),
 * so that any number of indexers spread the shards evenly. Shared by the shard consumers of one indexer.
 */
public final class ShardShare {

    private final RedisClusterCommands<String, byte[]> redis;
    private final String key;
    private final String consumer;
    private final int shards;
    private final Duration lease;
    private final LongSupplier wallMillis;
    private final TreeSet<Integer> held = new TreeSet<>();
    private long beatAt; // epoch ms of the last heartbeat, 0 before the first
    private int alive = 1;

    public ShardShare(RedisClusterCommands<String, byte[]> redis, KeySchema keys, String consumer, int shards,
                      Duration lease) {
        this(redis, keys, consumer, shards, lease, System::currentTimeMillis);
    }

    ShardShare(RedisClusterCommands<String, byte[]> redis, KeySchema keys, String consumer, int shards, Duration lease,
               LongSupplier wallMillis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = keys.indexers();
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.shards = shards;
        this.lease = Objects.requireNonNull(lease, "lease");
        this.wallMillis = wallMillis;
    }

    /** @return true when this indexer may take one more shard */
    public synchronized boolean mayTake() {
        beatIfDue();
        return held.size() < share();
    }

    /** @return true when this indexer holds more than its share and {@code shard} is the one to give back */
    public synchronized boolean shouldRelease(int shard) {
        beatIfDue();
        return held.size() > share() && held.last() == shard;
    }

    public synchronized void took(int shard) {
        held.add(shard);
    }

    public synchronized void released(int shard) {
        held.remove(shard);
    }

    /** Leaves the group of indexers alive, so the others take over its share at once. */
    public synchronized void leave() {
        redis.zrem(key, consumer.getBytes(StandardCharsets.UTF_8));
    }

    private int share() {
        return (shards + alive - 1) / alive;
    }

    private void beatIfDue() {
        long now = wallMillis.getAsLong();
        if (now - beatAt < lease.toMillis() / 3) {
            return;
        }
        byte[] me = consumer.getBytes(StandardCharsets.UTF_8);
        redis.zadd(key, now, me);
        redis.zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) (now - lease.toMillis())));
        alive = (int) Math.max(1, redis.zcard(key));
        beatAt = now;
    }
}

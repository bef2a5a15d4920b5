package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Reads what depends on the shard count together with the count itself. The count is chosen once per namespace
 * (docs/architecture.md, "Stream records"), so the count seen last is nearly always the count stored now: every
 * request reads its data for that count while it reads the stored count, and only when the two differ reads it
 * again for the stored one. An answer is thus always for the count stored when it was asked, one round trip
 * sooner than reading the count first.
 */
final class ShardCount {

    private final KeySchema keys;
    private final AtomicInteger lastSeen = new AtomicInteger(1);

    ShardCount(KeySchema keys) {
        this.keys = keys;
    }

    /**
     * @param reading what to read for a given shard count; subscribed once, or twice when the count changed
     * @return what {@code reading} gives for the shard count stored now
     */
    <T> Mono<T> read(RedisClusterReactiveCommands<String, byte[]> redis, IntFunction<Mono<T>> reading) {
        return Mono.defer(() -> {
            int guess = lastSeen.get();
            return Mono.zip(Topology.shardCount(redis, keys),
                            reading.apply(guess).map(Optional::of).defaultIfEmpty(Optional.empty()))
                    .flatMap(read -> {
                        int shards = read.getT1();
                        lastSeen.set(shards);
                        return shards == guess ? Mono.justOrEmpty(read.getT2()) : reading.apply(shards);
                    });
        });
    }
}

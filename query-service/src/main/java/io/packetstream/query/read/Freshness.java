package io.packetstream.query.read;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How fresh the index is, over the shards asked: capture times of the oldest and newest packet indexed and the
 * packet count (each shard's {@code meta} hash), entries waiting for an indexer (XPENDING), the consumer lag
 * where Redis reports it (7.0+; empty when any shard lacks it) and the stream lengths.
 *
 * @param oldestMicros   oldest capture time indexed, µs since the epoch
 * @param newestMicros   newest capture time indexed, µs since the epoch
 * @param packetsIndexed packets the indexers counted
 * @param pendingEntries entries delivered to an indexer and not yet acknowledged
 * @param consumerLag    entries not yet delivered to any indexer, when every shard's Redis knows it
 * @param streamLength   entries in the streams
 * @param shards         the shards read
 */
public record Freshness(OptionalLong oldestMicros, OptionalLong newestMicros, long packetsIndexed,
                        long pendingEntries, OptionalLong consumerLag, long streamLength, List<Integer> shards) {

    public Freshness {
        shards = List.copyOf(shards);
    }

    /**
     * @return the end of the newest microsecond indexed in ns (so a packet at any nanosecond of it counts as
     * indexed), or empty when nothing is
     */
    public OptionalLong newestNanos() {
        return newestMicros.isPresent() ? OptionalLong.of(newestMicros.getAsLong() * 1000 + 999) : OptionalLong.empty();
    }

    /** One shard's share. */
    record Shard(int shard, OptionalLong oldestMicros, OptionalLong newestMicros, long packets,
                 Optional<IndexerGroupState> group, long streamLength) {
    }

    static Mono<Freshness> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, List<Integer> shards) {
        return Flux.fromIterable(shards).flatMapSequential(shard -> shard(redis, keys, shard))
                .collectList()
                .map(list -> combine(list, shards));
    }

    static Mono<Shard> shard(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, int shard) {
        Mono<Map<String, byte[]>> meta = redis.hgetall(keys.meta(shard))
                .collectMap(KeyValue::getKey, KeyValue::getValue);
        Mono<Optional<IndexerGroupState>> group = IndexerGroupState.read(redis, keys.stream(shard)).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Long> length = redis.xlen(keys.stream(shard)).defaultIfEmpty(0L);
        return Mono.zip(meta, group, length).map(t -> new Shard(shard, number(t.getT1(), "oldest"),
                number(t.getT1(), "newest"), number(t.getT1(), "packets").orElse(0), t.getT2(), t.getT3()));
    }

    static Freshness combine(List<Shard> parts, List<Integer> shards) {
        OptionalLong oldest = parts.stream().map(Shard::oldestMicros).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
        OptionalLong newest = parts.stream().map(Shard::newestMicros).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
        long packets = parts.stream().mapToLong(Shard::packets).sum();
        long pending = parts.stream().mapToLong(p -> p.group().map(IndexerGroupState::pending).orElse(0L)).sum();
        boolean lagKnown = !parts.isEmpty() && parts.stream().allMatch(p -> p.group().map(g -> g.lag().isPresent())
                .orElse(false));
        OptionalLong lag = lagKnown ? OptionalLong.of(parts.stream()
                .mapToLong(p -> p.group().orElseThrow().lag().getAsLong()).sum()) : OptionalLong.empty();
        long length = parts.stream().mapToLong(Shard::streamLength).sum();
        return new Freshness(oldest, newest, packets, pending, lag, length, shards);
    }

    private static OptionalLong number(Map<String, byte[]> hash, String field) {
        byte[] value = hash.get(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        String text = new String(value, StandardCharsets.US_ASCII).trim();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            try {
                // written by Lua, which may print large numbers as floats
                return OptionalLong.of((long) Double.parseDouble(text));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
    }
}

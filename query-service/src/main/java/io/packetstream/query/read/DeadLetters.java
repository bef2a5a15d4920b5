package io.packetstream.query.read;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.StreamId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The stream entries the indexers could not index (the dead-letter streams {@code <ns>:{k}:dead}): how many are
 * held, and the newest few with their reasons, so /health shows an operator that answers miss something.
 *
 * @param count  dead letters held over all shards
 * @param newest the newest ones, newest first, at most {@link #NEWEST}
 */
public record DeadLetters(long count, List<Letter> newest) {

    /** How many of the newest dead letters /health lists. */
    public static final int NEWEST = 5;

    /**
     * One dead letter.
     *
     * @param shard  the shard whose stream held the entry
     * @param entry  the packet-stream entry that could not be indexed
     * @param reason why ({@code unreadable}, {@code missing_field}, {@code bad_sensor}, {@code deleted})
     * @param id     the dead letter's own id in the dead-letter stream (when it was written)
     */
    public record Letter(int shard, String entry, String reason, StreamId id) {
        public Letter {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(id, "id");
        }
    }

    public DeadLetters {
        newest = List.copyOf(newest);
    }

    static Mono<DeadLetters> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, int shards) {
        return Flux.range(0, shards)
                .concatMap(shard -> Mono.zip(redis.xlen(keys.deadLetters(shard)),
                        redis.xrevrange(keys.deadLetters(shard), Range.unbounded(), Limit.from(NEWEST))
                                .map(m -> new Letter(shard, field(m.getBody().get("id")), field(m.getBody().get("reason")),
                                        StreamId.parse(m.getId())))
                                .collectList()))
                .collectList()
                .map(perShard -> new DeadLetters(perShard.stream().mapToLong(t -> t.getT1()).sum(),
                        perShard.stream().flatMap(t -> t.getT2().stream())
                                .sorted(Comparator.comparing(Letter::id).reversed()).limit(NEWEST).toList()));
    }

    private static String field(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}

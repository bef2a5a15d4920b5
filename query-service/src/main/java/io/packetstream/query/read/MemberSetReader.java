package io.packetstream.query.read;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared shape of questions 3, 4 and 6: per sensor and shard, the minute and hour buckets covering the range
 * ({@link SensorHours}), every bucket's members read a page at a time, decoded, and folded into one sorted answer.
 *
 * @param <M> a decoded member
 */
abstract class MemberSetReader<M> {

    private static final int BUCKETS_IN_FLIGHT = 8;

    final KeySchema keys;
    final int pageSize;
    private final IndexFailures failures;

    MemberSetReader(KeySchema keys, int pageSize, IndexFailures failures) {
        this.keys = keys;
        this.pageSize = pageSize;
        this.failures = failures;
    }

    /** @return the key of a bucket */
    abstract String key(Topology.ShardSensor where, TimeBucket bucket);

    /** @return the raw members of one bucket key */
    abstract Flux<byte[]> members(RedisReactiveCommands<String, byte[]> redis, String key);

    /** @return the decoded member; throws IllegalArgumentException for bytes that are none */
    abstract M decode(byte[] member);

    /** @return the sorted results from the distinct decoded members */
    abstract List<QueryResult> fold(Set<M> members);

    Mono<Answer> answer(RedisReactiveCommands<String, byte[]> redis, Topology topology, Question question,
                        TimeRange range) {
        return SensorHours.readAll(redis, keys, topology, range).collectList().map(all -> {
            Flux<QueryResult> results = Flux.fromIterable(all)
                    .concatMapIterable(hours -> hours.buckets().stream().map(b -> key(hours.where(), b)).toList())
                    .flatMap(key -> members(redis, key).<M>handle((raw, sink) -> {
                        try {
                            sink.next(decode(raw));
                        } catch (IllegalArgumentException e) {
                            failures.badMember(question.tag(), key, e);
                        }
                    }), BUCKETS_IN_FLIGHT)
                    .collect(HashSet<M>::new, Set::add)
                    .map(this::fold)
                    .flatMapIterable(Function.identity());
            return new Answer(question, topology.shardList(), SensorHours.union(all), results, new ScanProgress());
        });
    }
}

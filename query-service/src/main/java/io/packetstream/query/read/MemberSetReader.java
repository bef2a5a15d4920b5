package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The shared shape of questions 3, 4 and 6: per sensor and shard, the minute and hour buckets covering the range
 * ({@link SensorHours}), every bucket's members read a page at a time, decoded, and gathered into one sorted answer.
 * A bucket may be several keys (question 6's partitions): they are read together, a few buckets at a time.
 * Members travel a page per signal: answers of tens of thousands of members would otherwise spend more in the
 * operators' per-element work than in decoding them.
 */
abstract class MemberSetReader {

    private static final int BUCKETS_IN_FLIGHT = 8;

    final KeySchema keys;
    final ReadSizes sizes;
    private final IndexFailures failures;

    MemberSetReader(KeySchema keys, ReadSizes sizes, IndexFailures failures) {
        this.keys = keys;
        this.sizes = sizes;
        this.failures = failures;
    }

    /** Takes the raw members of one answer one by one (repeats included), then hands out its sorted results. */
    interface Gathering {

        /**
         * Takes the member at {@code offset}, {@code length} bytes long, of {@code bytes} (which it must not keep).
         *
         * @throws IllegalArgumentException for bytes that are no member; nothing is kept of them
         */
        void add(byte[] bytes, int offset, int length);

        /** Takes a member that has an array of its own. */
        default void add(byte[] member) {
            add(member, 0, member.length);
        }

        List<QueryResult> results();

        /** @return a gathering that decodes each member, keeps the distinct ones and folds them at the end */
        static <M> Gathering distinct(Function<byte[], M> decode, Function<Set<M>, List<QueryResult>> fold) {
            Set<M> members = new HashSet<>();
            return new Gathering() {
                @Override
                public void add(byte[] bytes, int offset, int length) {
                    members.add(decode.apply(Arrays.copyOfRange(bytes, offset, offset + length)));
                }

                @Override
                public List<QueryResult> results() {
                    return fold.apply(members);
                }
            };
        }
    }

    /** @return the keys of a bucket, read together */
    abstract List<String> keys(Topology.ShardSensor where, TimeBucket bucket);

    /** @return the raw members of one bucket key, many to a signal */
    abstract Flux<ReplyStrings> pages(RedisClusterReactiveCommands<String, byte[]> redis, String key);

    /** @return an empty gathering for one answer */
    abstract Gathering gathering();

    private record Page(String key, ReplyStrings members) {
    }

    Mono<Answer> answer(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, Question question,
                        TimeRange range) {
        return SensorHours.readAll(redis, keys, topology, range).collectList().map(all -> {
            Flux<QueryResult> results = Flux.fromIterable(all)
                    .concatMapIterable(hours -> hours.buckets().stream().map(b -> keys(hours.where(), b)).toList())
                    .flatMap(bucket -> Flux.fromIterable(bucket)
                            .flatMap(key -> pages(redis, key).map(members -> new Page(key, members))), BUCKETS_IN_FLIGHT)
                    .collect(this::gathering, (gathering, page) -> add(gathering, page, question))
                    .map(Gathering::results)
                    .flatMapIterable(Function.identity());
            return new Answer(question, topology.shardList(), SensorHours.union(all), results, new ScanProgress());
        });
    }

    private void add(Gathering gathering, Page page, Question question) {
        ReplyStrings members = page.members();
        byte[] bytes = members.bytes();
        for (int i = 0; i < members.count(); i++) {
            try {
                gathering.add(bytes, members.offset(i), members.length(i));
            } catch (IllegalArgumentException e) {
                failures.badMember(question.tag(), page.key(), e);
            }
        }
    }
}

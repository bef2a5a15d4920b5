package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Question 1: reads the two per-second hashes of every sensor and shard ({@code q1:<sensor>:<A>} and
 * {@code …:<B>}), merges each connection's windows and keeps the connections {@link ActiveWindows} calls active
 * ({@link ConnectionGathering}).
 */
final class ActiveConnectionsReader {

    private final KeySchema keys;
    private final ReadSizes sizes;
    private final IndexFailures failures;

    ActiveConnectionsReader(KeySchema keys, ReadSizes sizes, IndexFailures failures) {
        this.keys = keys;
        this.sizes = sizes;
        this.failures = failures;
    }

    Mono<Answer> answer(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology,
                        Question.ActiveConnections question) {
        Mono<OptionalLong> at = question.at().isPresent() ? Mono.just(question.at())
                : Freshness.read(redis, keys, topology.shardList()).map(Freshness::newestNanos);
        return at.map(t -> t.isEmpty() ? empty(topology, question) : answer(redis, topology, question, t.getAsLong()));
    }

    private Answer empty(Topology topology, Question question) {
        return new Answer(question, topology.shardList(), Optional.empty(), Flux.empty(), new ScanProgress());
    }

    private Answer answer(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, Question question, long t) {
        long secondA = ActiveWindows.secondA(t);
        Flux<QueryResult> results = Flux.fromIterable(topology.pairs())
                .flatMap(where -> Flux.range(0, KeySchema.CONNECTION_PARTITIONS).flatMap(p -> Flux.merge(
                        windows(redis, keys.activeConnections(where.shard(), where.sensor(), secondA, p), false),
                        windows(redis, keys.activeConnections(where.shard(), where.sensor(), secondA + 1, p), true))),
                        8)
                .collect(ConnectionGathering::new, (gathering, page) -> gathering.add(page.key(), page.secondB(),
                        page.entries(), (key, e) -> failures.badMember("q1", key, e)))
                .flatMapIterable(gathering -> gathering.results(t));
        TimeRange window = new TimeRange(t - CaptureTime.NANOS_PER_SECOND + 1, t);
        return new Answer(question, topology.shardList(), Optional.of(window), results, new ScanProgress());
    }

    /** One second's hash, or a page of it: connections and windows in turn. */
    private record Page(String key, boolean secondB, ReplyStrings entries) {
    }

    private Flux<Page> windows(RedisClusterReactiveCommands<String, byte[]> redis, String key, boolean secondB) {
        return RedisPages.hashEntries(redis, key, sizes.wholeRead(), sizes.page())
                .map(entries -> new Page(key, secondB, entries));
    }
}

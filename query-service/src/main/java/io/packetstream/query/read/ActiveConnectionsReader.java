package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Question 1: reads the two per-second hashes of every sensor and shard ({@code q1:<sensor>:<A>} and
 * {@code …:<B>}), merges each connection's windows and keeps the connections {@link ActiveWindows} calls active.
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
                .collect(HashMap<Connection, ActiveWindows.Pair>::new, this::add)
                .flatMapIterable(map -> active(map, t));
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

    /** Decodes a page's connections and windows into the map, a page per signal rather than an entry per signal. */
    private void add(Map<Connection, ActiveWindows.Pair> windows, Page page) {
        ReplyStrings entries = page.entries();
        for (int i = 0; i + 1 < entries.count(); i += 2) {
            Connection connection;
            ActiveWindow window;
            try {
                connection = Connection.decode(entries.copy(i));
                window = ActiveWindow.decode(entries.copy(i + 1));
            } catch (IllegalArgumentException e) {
                failures.badMember("q1", page.key(), e);
                continue;
            }
            windows.computeIfAbsent(connection, c -> new ActiveWindows.Pair()).add(page.secondB(), window);
        }
    }

    private static List<QueryResult> active(Map<Connection, ActiveWindows.Pair> windows, long t) {
        List<ActiveConnection> out = new ArrayList<>(windows.size());
        windows.forEach((connection, pair) -> {
            OptionalLong lastSeen = ActiveWindows.lastSeen(t, pair.a, pair.b);
            if (lastSeen.isPresent()) {
                out.add(new ActiveConnection(connection.protocol(), connection.client(), connection.server(),
                        lastSeen.getAsLong()));
            }
        });
        out.sort(ResultOrder.CONNECTIONS);
        return new ArrayList<>(out);
    }
}

package io.packetstream.query.live;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.StreamId;
import io.packetstream.query.SubscriptionOptions;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.query.read.IndexReader;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The change streams in Redis: direct reads (newest and oldest entry, XRANGE catch-up pages) on the service's
 * shared connection, and one {@link ShardTailer} per shard, each on a connection of its own, for the live feeds.
 */
final class RedisChangeSource implements ChangeSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisChangeSource.class);

    private final RedisLink redis;
    private final KeySchema keys;
    private final IndexReader reader;
    private final SubscriptionOptions options;
    private final MeterRegistry registry;
    private final RedisConnections tailClient;
    private final Map<Integer, ShardTailer> tailers = new ConcurrentHashMap<>();
    private final Map<Integer, TailConnection> tailConnections = new ConcurrentHashMap<>();
    private final Consumer<String> bad;

    RedisChangeSource(RedisLink redis, RedisOptions redisOptions, KeySchema keys, IndexReader reader,
                      SubscriptionOptions options, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.reader = reader;
        this.options = options;
        this.registry = registry;
        // a blocking read may take its BLOCK time on top of the usual command timeout
        this.tailClient = new RedisConnections(redisOptions.withCommandTimeout(
                redisOptions.commandTimeout().plus(options.tailBlock())));
        Counter skipped = QueryMeters.SKIPPED.counter(registry, "question", "live", "reason", "bad_change");
        this.bad = message -> {
            skipped.increment();
            log.warn("skipped a change event that does not parse: {}", message);
        };
    }

    @Override
    public Mono<Position> head(int shard) {
        return redis.commands()
                .flatMap(r -> r.xrevrange(keys.changes(shard), Range.unbounded(), Limit.from(1)).next())
                .map(m -> {
                    ChangeEntry entry = ChangeEntry.parse(shard, m, bad);
                    return new Position(entry.id(), entry.events().size());
                })
                .defaultIfEmpty(Position.START);
    }

    @Override
    public Mono<ChangeRetention> retention(int shard) {
        return redis.commands()
                .flatMap(r -> r.xinfoStream(keys.changes(shard)).collectList())
                .map(ChangeRetention::parse)
                .onErrorResume(e -> String.valueOf(e.getMessage()).startsWith("ERR no such key"),
                        e -> Mono.just(ChangeRetention.NO_STREAM));
    }

    @Override
    public Flux<List<ChangeEntry>> pages(int shard, StreamId from, boolean inclusive) {
        int count = options.changePage();
        return redis.commands().flatMapMany(r -> page(r, shard, from, inclusive, count)
                .expand(page -> page.size() < count ? Mono.empty()
                        : page(r, shard, page.get(page.size() - 1).id(), false, count)));
    }

    private Mono<List<ChangeEntry>> page(RedisClusterReactiveCommands<String, byte[]> r, int shard, StreamId from,
                                         boolean inclusive, int count) {
        Range.Boundary<String> lower = inclusive ? Range.Boundary.including(from.toString())
                : Range.Boundary.excluding(from.toString());
        return r.xrange(keys.changes(shard), Range.from(lower, Range.Boundary.unbounded()), Limit.from(count))
                .map((StreamMessage<String, byte[]> m) -> ChangeEntry.parse(shard, m, bad))
                .collectList();
    }

    @Override
    public Flux<TailSignal> tail(int shard) {
        return tailers.computeIfAbsent(shard, s -> new ShardTailer(s, keys.changes(s),
                tailConnections.computeIfAbsent(s, x -> new TailConnection(tailClient, tailerName(s))), options, bad,
                QueryMeters.TAIL_ERRORS.counter(registry, "shard", Integer.toString(s)))).follow();
    }

    /** @return the client name of a shard's tailer connection: {@code packetstream-tail-<namespace>-<shard>} */
    String tailerName(int shard) {
        return "packetstream-tail-" + keys.namespace() + "-" + shard;
    }

    @Override
    public Flux<PacketMatch> packets(int shard, StreamId entry, Question.Containing question) {
        return reader.entryMatches(shard, entry, question);
    }

    @Override
    public void close() {
        tailers.values().forEach(ShardTailer::close);
        tailConnections.values().forEach(TailConnection::close);
        tailClient.close();
    }
}

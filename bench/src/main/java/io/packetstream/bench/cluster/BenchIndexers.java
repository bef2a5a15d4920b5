package io.packetstream.bench.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.Indexer;
import io.packetstream.indexer.IndexerMeters;
import io.packetstream.indexer.IndexerOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A configuration's indexers, in this process, each its own consumer ({@code bench-1}, {@code bench-2}, …) with its
 * own meters, so that what they indexed can be counted apart from what the capture holds.
 */
final class BenchIndexers implements AutoCloseable {

    private static final Duration CATCH_UP = Duration.ofMinutes(30);
    private static final Duration BALANCING = Duration.ofSeconds(30);

    private final List<Indexer> running = new ArrayList<>();
    private final List<SimpleMeterRegistry> registries = new ArrayList<>();
    private final KeySchema keys;

    BenchIndexers(Configuration config, RedisOptions options, KeySchema keys, int batchEntries) {
        this.keys = keys;
        try {
            for (int i = 1; i <= config.indexers(); i++) {
                SimpleMeterRegistry registry = new SimpleMeterRegistry();
                registries.add(registry);
                running.add(Indexer.start(IndexerOptions.builder().consumer("bench-" + i).batchEntries(batchEntries)
                        .shards(config.shards()).build(), options, keys, registry));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Waits until the indexers have shared the shards out (each lease held, by as many indexers as can hold one),
     * so that the end-to-end run measures the layout rather than the hand-over.
     */
    void awaitBalanced(RedisOptions options, Configuration config) throws InterruptedException {
        int owners = Math.min(config.shards(), config.indexers());
        long deadline = System.nanoTime() + BALANCING.toNanos();
        try (RedisConnections connections = new RedisConnections(options);
             RedisConnection connection = connections.connect()) {
            while (System.nanoTime() < deadline) {
                Set<String> holders = new HashSet<>();
                int held = 0;
                for (int k = 0; k < config.shards(); k++) {
                    byte[] owner = connection.sync().get(keys.lease(k));
                    if (owner != null) {
                        held++;
                        holders.add(new String(owner, StandardCharsets.UTF_8));
                    }
                }
                if (held == config.shards() && holders.size() == owners) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the indexers did not share the shards out within " + BALANCING);
    }

    void awaitIdle() {
        for (Indexer indexer : running) {
            if (!indexer.awaitIdle(CATCH_UP)) {
                throw new IllegalStateException("the indexers did not catch up within " + CATCH_UP);
            }
        }
    }

    /** @return packets every indexer counted as indexed */
    long indexed() {
        return Math.round(registries.stream().flatMap(r -> r.find(IndexerMeters.PACKETS_INDEXED.meterName())
                .counters().stream()).mapToDouble(Counter::count).sum());
    }

    @Override
    public void close() {
        running.forEach(Indexer::close);
    }
}

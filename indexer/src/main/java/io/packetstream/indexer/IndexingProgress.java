package io.packetstream.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.indexer.consume.ShardProbe;
import io.packetstream.indexer.consume.ShardStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * Every progress interval: polls each shard's pending count, lag and change-stream size into the gauges, and logs
 * one INFO line with the indexing rate when there was work.
 */
final class IndexingProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexingProgress.class);

    private final ShardProbe probe;
    private final Duration interval;
    private final double[] pending;
    private final double[] lag;
    private final double[] changeBytes;
    private final Counter packets;
    private final Counter entries;
    private final Scheduler scheduler = Schedulers.newSingle("indexer-progress");
    private double lastPackets;
    private double lastEntries;
    private Disposable running;

    IndexingProgress(ShardProbe probe, int shards, Duration interval, MeterRegistry registry) {
        this.probe = probe;
        this.interval = interval;
        this.pending = new double[shards];
        this.lag = new double[shards];
        this.changeBytes = new double[shards];
        java.util.Arrays.fill(pending, Double.NaN);
        java.util.Arrays.fill(lag, Double.NaN);
        java.util.Arrays.fill(changeBytes, Double.NaN);
        this.packets = IndexerMeters.PACKETS_INDEXED.counter(registry);
        this.entries = IndexerMeters.ENTRIES_ACKED.counter(registry);
        for (int k = 0; k < shards; k++) {
            int shard = k;
            IndexerMeters.PENDING.gauge(registry, this, r -> r.pending[shard], "shard", Integer.toString(shard));
            IndexerMeters.LAG.gauge(registry, this, r -> r.lag[shard], "shard", Integer.toString(shard));
            IndexerMeters.CHANGE_STREAM_BYTES.gauge(registry, this, r -> r.changeBytes[shard], "shard",
                    Integer.toString(shard));
        }
    }

    void start() {
        lastPackets = packets.count();
        lastEntries = entries.count();
        running = Flux.interval(interval, interval, scheduler).subscribe(tick -> report());
    }

    private void report() {
        double totalPending = 0;
        double totalLag = 0;
        for (int k = 0; k < pending.length; k++) {
            try {
                ShardStatus s = probe.status(k);
                pending[k] = s.pending();
                lag[k] = s.lagOrNaN();
                changeBytes[k] = probe.changeStreamBytes(k);
            } catch (RuntimeException e) {
                pending[k] = Double.NaN; // the consumer loops report the outage
                lag[k] = Double.NaN;
                changeBytes[k] = Double.NaN;
                log.debug("shard {}: cannot poll the group state: {}", k, e.getMessage());
            }
            totalPending += pending[k];
            totalLag += lag[k];
        }
        double p = packets.count();
        double e = entries.count();
        if (p > lastPackets || e > lastEntries || totalPending > 0 || totalLag > 0) {
            double seconds = interval.toNanos() / 1e9;
            log.info("indexed {} packets ({} packets/s) from {} entries in the last {}s; lag {}, pending {}",
                    (long) (p - lastPackets), Math.round((p - lastPackets) / seconds), (long) (e - lastEntries),
                    seconds, entries(totalLag), entries(totalPending));
        }
        lastPackets = p;
        lastEntries = e;
    }

    private static String entries(double n) {
        return Double.isNaN(n) ? "unknown" : (long) n + " entries";
    }

    @Override
    public void close() {
        if (running != null) {
            running.dispose();
        }
        scheduler.dispose();
    }
}

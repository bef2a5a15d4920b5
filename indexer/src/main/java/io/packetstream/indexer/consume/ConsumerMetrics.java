package io.packetstream.indexer.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.packetstream.indexer.IndexerMeters;
import io.packetstream.indexer.commit.CommitResult;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.indexer.write.IndexBatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer loop's meters. A batch is counted when its commit applied it, never before, so redeliveries and
 * stale commits do not count twice.
 */
final class ConsumerMetrics {

    private final MeterRegistry registry;
    private final Counter packets;
    private final Counter ignored;
    private final Counter acked;
    private final Counter batches;
    private final Counter stale;
    private final Counter claimed;
    private final Counter writes;
    private final Timer latency;
    private final AtomicLong newestNanos;
    private final Map<String, Counter> tagged = new ConcurrentHashMap<>();

    /** @param newestNanos shared holder of the newest capture time indexed, read by the gauge */
    ConsumerMetrics(MeterRegistry registry, AtomicLong newestNanos) {
        this.registry = registry;
        this.newestNanos = newestNanos;
        packets = IndexerMeters.PACKETS_INDEXED.counter(registry);
        ignored = IndexerMeters.PACKETS_IGNORED.counter(registry, "reason", "non_ip");
        acked = IndexerMeters.ENTRIES_ACKED.counter(registry);
        batches = IndexerMeters.BATCHES_COMMITTED.counter(registry);
        stale = IndexerMeters.BATCHES_STALE.counter(registry);
        claimed = IndexerMeters.ENTRIES_CLAIMED.counter(registry);
        writes = IndexerMeters.INDEX_WRITES.counter(registry);
        latency = IndexerMeters.COMMIT_LATENCY.timer(registry);
    }

    void applied(IndexBatch batch, CommitResult result) {
        packets.increment(batch.stats().packets());
        ignored.increment(batch.stats().nonIp());
        acked.increment(batch.entryIds().size());
        batches.increment();
        writes.increment(batch.writes().size());
        batch.stats().malformed().forEach((reason, n) -> tagged(IndexerMeters.PACKETS_MALFORMED, reason).increment(n));
        for (DeadLetter d : batch.deadLetters()) {
            tagged(IndexerMeters.DEAD_LETTERS, d.reason()).increment();
        }
        batch.stats().newestNanos().ifPresent(t -> newestNanos.accumulateAndGet(t, Math::max));
        result.changeEvents().forEach((type, n) -> tagged(IndexerMeters.CHANGE_EVENTS, type.tag()).increment(n));
    }

    void stale() {
        stale.increment();
    }

    void claimed(int entries) {
        claimed.increment(entries);
    }

    void commitTime(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void error(String kind) {
        tagged(IndexerMeters.ERRORS, kind).increment();
    }

    private Counter tagged(IndexerMeters meter, String value) {
        String tag = switch (meter) {
            case ERRORS -> "kind";
            case CHANGE_EVENTS -> "type";
            default -> "reason";
        };
        return tagged.computeIfAbsent(meter.name() + '\0' + value, k -> meter.counter(registry, tag, value));
    }
}

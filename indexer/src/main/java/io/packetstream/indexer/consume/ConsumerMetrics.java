package io.packetstream.indexer.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.packetstream.indexer.IndexerMeters;
import io.packetstream.indexer.commit.CommitResult;
import io.packetstream.indexer.commit.WriteStats;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.indexer.write.IndexBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer loop's meters. A batch is counted when its commit is acknowledged, never before, so a batch read
 * again after a failure does not count twice.
 */
final class ConsumerMetrics implements WriteStats {

    private static final Logger log = LoggerFactory.getLogger(ConsumerMetrics.class);

    private final MeterRegistry registry;
    private final Counter packets;
    private final Counter ignored;
    private final Counter acked;
    private final Counter batches;
    private final Counter taken;
    private final Counter lost;
    private final Counter replayed;
    private final Counter unreadable;
    private final Counter skipped;
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
        taken = IndexerMeters.SHARDS_TAKEN.counter(registry);
        lost = IndexerMeters.SHARDS_LOST.counter(registry);
        replayed = IndexerMeters.JOURNALS_REPLAYED.counter(registry);
        unreadable = IndexerMeters.JOURNALS_UNREADABLE.counter(registry);
        skipped = IndexerMeters.WRITES_SKIPPED.counter(registry);
        writes = IndexerMeters.INDEX_WRITES.counter(registry);
        latency = IndexerMeters.COMMIT_LATENCY.timer(registry);
    }

    void applied(IndexBatch batch, CommitResult result) {
        packets.increment(batch.stats().packets());
        ignored.increment(batch.stats().nonIp());
        acked.increment(batch.entryIds().size());
        batches.increment();
        writes.increment(result.writes());
        batch.stats().malformed().forEach((reason, n) -> tagged(IndexerMeters.PACKETS_MALFORMED, reason).increment(n));
        for (DeadLetter d : batch.deadLetters()) {
            tagged(IndexerMeters.DEAD_LETTERS, d.reason()).increment();
            log.warn("entry {} moved to the dead letters: {} (indexer --replay-dead-letters re-applies it once the "
                    + "cause is fixed)", d.entryId(), d.reasonText());
        }
        batch.stats().newestNanos().ifPresent(t -> newestNanos.accumulateAndGet(t, Math::max));
        result.changeEvents().forEach((type, n) -> tagged(IndexerMeters.CHANGE_EVENTS, type.tag()).increment(n));
    }

    void tookOver() {
        taken.increment();
    }

    void leaseLost() {
        lost.increment();
    }

    @Override
    public void writeSkipped() {
        skipped.increment();
    }

    @Override
    public void journalReplayed(int entries) {
        replayed.increment();
        acked.increment(entries);
    }

    @Override
    public void journalUnreadable() {
        unreadable.increment();
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

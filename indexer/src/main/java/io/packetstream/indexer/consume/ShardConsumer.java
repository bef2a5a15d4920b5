package io.packetstream.indexer.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.indexer.commit.BatchCommitter;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer loop of one shard: reads on a dedicated connection and a named thread, only as fast as commits
 * finish (one batch committing, at most one read ahead), commits each batch with its XACK in one script call, and
 * on any failure starts over with backoff from this consumer's pending entries, so nothing is lost or applied twice.
 */
public final class ShardConsumer {

    private static final Logger log = LoggerFactory.getLogger(ShardConsumer.class);

    private final int shard;
    private final ReadLoop reads;
    private final BatchCommitter committer;
    private final ConsumerMetrics metrics;
    private final FailureMemory failures;
    private final FailureLog failureLog;
    private final IndexerOptions options;
    private final ReadConnection connection;
    private final Scheduler scheduler;
    private volatile boolean closing;
    private Disposable running;

    /**
     * @param shard       the shard to consume
     * @param keys        key names
     * @param reads       opens this consumer's own connection for blocking reads
     * @param committer   commits batches, may be shared
     * @param builder     builds batches, may be shared
     * @param options     how to read
     * @param registry    where to count
     * @param newestNanos holder of the newest capture time indexed, shared by all shards
     */
    public ShardConsumer(int shard, KeySchema keys, ReadClient reads,
                         BatchCommitter committer, BatchBuilder builder, IndexerOptions options, MeterRegistry registry,
                         AtomicLong newestNanos) {
        this.shard = shard;
        this.connection = new ReadConnection(Objects.requireNonNull(reads, "reads"));
        this.committer = Objects.requireNonNull(committer, "committer");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = new ConsumerMetrics(registry, newestNanos);
        this.failures = new FailureMemory();
        this.failureLog = new FailureLog(shard, options.maxBackoff(), metrics);
        this.reads = new ReadLoop(shard, keys, connection::commands, options, builder, failures, metrics,
                System::nanoTime);
        this.scheduler = Schedulers.newSingle("indexer-read-" + shard);
    }

    /** Starts consuming; returns at once. */
    public synchronized void start() {
        if (running != null) {
            throw new IllegalStateException("shard " + shard + " is already consuming");
        }
        running = loop().subscribe(null, e -> {
            if (!closing) {
                log.error("shard {}: the consumer loop stopped", shard, e);
            }
        });
    }

    /** The whole loop: reads, commits, retries. Never completes by itself. */
    Flux<ReadBatch> loop() {
        return Flux.defer(() -> {
                    // after a failure that may be one entry's fault: no read-ahead, so only the entry being
                    // committed collects deliveries; otherwise one batch is read while the previous one commits.
                    // Two ahead gained ~10 % peak ingest but doubled live latency at 20k packets/s (p50 21 → 44 ms):
                    // batches read early wait behind commits; more shards are the way to more ingest
                    boolean careful = failureLog.takeCareful();
                    return reads.reads(careful, () -> closing).subscribeOn(scheduler)
                            .concatMap(this::commit, careful ? 0 : 1);
                })
                .repeat(() -> !closing)
                .doOnNext(b -> failureLog.succeeded())
                .doOnError(e -> {
                    if (!closing) {
                        failureLog.failed(e);
                    }
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, options.minBackoff()).maxBackoff(options.maxBackoff())
                        .transientErrors(true).filter(e -> !closing));
    }

    private Mono<ReadBatch> commit(ReadBatch read) {
        IndexBatch batch = read.batch();
        if (batch.isEmpty()) {
            return Mono.just(read);
        }
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return committer.commit(batch)
                    .doOnNext(result -> {
                        metrics.commitTime(System.nanoTime() - start);
                        if (result.applied()) {
                            metrics.applied(batch, result);
                        } else {
                            metrics.stale();
                        }
                        failures.forget(batch.entryIds());
                        reads.settled(batch.entryIds().size());
                    })
                    .doOnError(e -> failures.remember(batch.entryIds(), e.getClass().getSimpleName() + ": "
                            + e.getMessage()))
                    .thenReturn(read);
        });
    }

    /**
     * @return true when no batch this consumer read is still committing: Redis may already count a batch as
     * acknowledged while its reply (and so its metrics) is still on the way
     */
    public boolean settled() {
        return reads.inFlight() == 0;
    }

    /** Stops reading, lets go of the thread and closes the connection. Entries in flight stay pending. */
    public synchronized void close() {
        closing = true;
        if (running != null) {
            running.dispose();
        }
        scheduler.dispose();
        connection.close();
    }
}

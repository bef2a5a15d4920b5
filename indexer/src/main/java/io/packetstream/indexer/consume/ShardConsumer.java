package io.packetstream.indexer.consume;

import io.lettuce.core.RedisCommandInterruptedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.indexer.commit.CommitResult;
import io.packetstream.indexer.commit.ShardWriter;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop of one shard, on a named thread of its own: while another indexer holds the shard it waits, ready to
 * take the shard when its lease runs out (or when it is this indexer's share); while this indexer holds it, it reads
 * the next batch (on a second thread: reading and decoding overlap the commit) only while the previous one is being
 * committed, so Redis is polled only as fast as commits finish, and commits each through the shard's
 * {@link ShardWriter}. On any failure it backs off and takes the shard over again from what
 * Redis holds, so nothing is lost or applied twice.
 */
public final class ShardConsumer {

    private static final Logger log = LoggerFactory.getLogger(ShardConsumer.class);

    private final int shard;
    private final ReadLoop reads;
    private final ShardWriter writer;
    private final ShardShare share;
    private final ConsumerMetrics metrics;
    private final FailureLog failureLog;
    private final IndexerOptions options;
    private final ReadConnection connection;
    private final Thread thread;
    private final ExecutorService reader;
    /** the next batch, being read while the current one commits; null when none is under way */
    private Future<IndexBatch> ahead;
    private final Duration standby;
    private volatile boolean closing;
    private volatile boolean busy;
    private boolean holding;

    /**
     * @param reads       opens this consumer's own connection for blocking reads
     * @param writes      a connection for this consumer's writes alone; closed with it
     * @param writer      how the shard is written
     * @param share       how many shards this indexer should hold, shared by its consumers
     * @param newestNanos holder of the newest capture time indexed, shared by all shards
     */
    public ShardConsumer(int shard, KeySchema keys, ReadClient reads, RedisConnection writes,
                         ShardWriter.Settings writer, ShardShare share, BatchBuilder builder, IndexerOptions options,
                         MeterRegistry registry, AtomicLong newestNanos) {
        this.shard = shard;
        this.connection = new ReadConnection(Objects.requireNonNull(reads, "reads"));
        this.share = Objects.requireNonNull(share, "share");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = new ConsumerMetrics(registry, newestNanos);
        this.writer = new ShardWriter(shard, keys, writes, writer, metrics);
        this.failureLog = new FailureLog(shard, options.maxBackoff(), metrics);
        this.reads = new ReadLoop(shard, keys, connection::commands, options.consumer(), options.batchEntries(),
                options.block(), builder);
        this.standby = options.lease().dividedBy(3);
        this.thread = new Thread(this::run, "indexer-shard-" + shard);
        this.thread.setDaemon(true);
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "indexer-read-" + shard);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the loop; returns at once. */
    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = options.minBackoff();
        while (!closing) {
            try {
                step();
                failureLog.succeeded();
                backoff = options.minBackoff();
            } catch (ShardWriter.LeaseLostException e) {
                log.warn("shard {}: {}; standing by", shard, e.getMessage());
                letGo();
                metrics.leaseLost();
            } catch (RuntimeException e) {
                if (closing) {
                    break;
                }
                failureLog.failed(e);
                letGo();
                connection.reset();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                        : backoff.multipliedBy(2);
            } finally {
                busy = writer.hasInFlight();
            }
        }
    }

    /** One step: wait for the shard, or give it back, or commit one batch. */
    private void step() {
        if (!holding) {
            if (!share.mayTake() || !writer.acquire()) {
                sleep(standby);
                return;
            }
            holding = true;
            share.took(shard);
            writer.takeOver();
            reads.takeOver();
            metrics.tookOver();
        }
        if (share.shouldRelease(shard)) {
            log.info("shard {}: giving the shard to another indexer (more indexers than before)", shard);
            writer.release();
            letGo();
            return;
        }
        writer.renewIfDue();
        if (ahead == null || !ahead.isDone()) {
            writer.settle(); // nothing to overlap with: count the batch in flight before waiting for a read
        }
        IndexBatch batch = ahead == null ? reads.next() : await(ahead);
        ahead = null;
        if (batch.isEmpty()) {
            writer.flushHeld(); // idle: the volume totals held back go out now
            return;
        }
        busy = true; // pending in Redis until acknowledged; busy until counted here
        ahead = reader.submit(reads::next);
        long start = System.nanoTime();
        writer.commit(batch, result -> {
            metrics.commitTime(System.nanoTime() - start);
            metrics.applied(batch, result);
        });
    }

    private static IndexBatch await(Future<IndexBatch> read) {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(e);
        }
    }

    /** Forgets the shard's state and a read under way: its entries stay pending and are read again after a take-over. */
    private void letGo() {
        if (ahead != null) {
            try {
                ahead.get(); // the read connection must be free before the next take-over reads on it
            } catch (ExecutionException | CancellationException e) {
                // its entries stay pending
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ahead = null;
        }
        if (holding) {
            holding = false;
            share.released(shard);
        }
        writer.reset();
    }

    /**
     * @return true when no batch this consumer read is still being committed (Redis may count a batch as acknowledged
     * before its metrics are)
     */
    public boolean settled() {
        return !busy;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Stops the loop, gives the shard back (so another indexer takes it at once) and closes the connections. */
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(options.block().plus(Duration.ofSeconds(5)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (holding) {
            try {
                writer.release();
            } catch (RuntimeException e) {
                log.debug("shard {}: could not give the lease back ({}); it runs out by itself", shard, e.toString());
            }
        }
        reader.shutdownNow();
        connection.close();
        writer.close();
    }
}

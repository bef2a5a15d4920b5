package io.packetstream.indexer.consume;

import io.lettuce.core.RedisCommandInterruptedException;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The reads of one shard as a demand-driven {@link Flux}: every downstream request performs exactly one step (a
 * read, or a claim), blocking, on the subscriber's thread. Each subscription starts over: it makes sure the group
 * exists, finishes this consumer's own pending entries (read from id 0 until none is left), then reads new entries
 * with BLOCK; every claim interval it claims idle entries of other consumers with XAUTOCLAIM in between.
 */
final class ReadLoop {

    private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);

    private final int shard;
    private final String stream;
    private final Supplier<StreamCommands> connection;
    private final IndexerOptions options;
    private final BatchBuilder builder;
    private final FailureMemory failures;
    private final ConsumerMetrics metrics;
    private final LongSupplier nanoTime;
    /** Entries handed downstream whose commit has not finished yet. */
    private final AtomicLong inFlight = new AtomicLong();

    /** @param connection commands on an open connection; called at every step, so it may reconnect */
    ReadLoop(int shard, KeySchema keys, Supplier<StreamCommands> connection, IndexerOptions options,
             BatchBuilder builder, FailureMemory failures, ConsumerMetrics metrics, LongSupplier nanoTime) {
        this.shard = shard;
        this.stream = keys.stream(shard);
        this.connection = connection;
        this.options = options;
        this.builder = builder;
        this.failures = failures;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    /**
     * @param careful  read own pending entries one at a time, to isolate an entry whose commit fails, and complete
     *                 once none is left (the owner then resubscribes in normal mode)
     * @param stopping true once the owner shuts down: a read failing then (interrupted, connection closed) ends
     *                 the flux quietly instead of signalling an error nobody listens to any more
     * @return reads, one per request
     */
    Flux<ReadBatch> reads(boolean careful, BooleanSupplier stopping) {
        return Flux.generate(() -> {
            inFlight.set(0);
            return new Cursor(careful);
        }, (cursor, sink) -> {
            try {
                ReadBatch read = step(cursor);
                if (read == null) {
                    sink.complete();
                } else {
                    sink.next(read);
                }
            } catch (RedisCommandInterruptedException e) {
                sink.complete(); // only a cancelled subscription interrupts its blocked read; nobody listens
            } catch (RuntimeException e) {
                if (!stopping.getAsBoolean()) {
                    throw e;
                }
                sink.complete();
            }
            return cursor;
        });
    }

    /** Where one subscription stands. */
    private static final class Cursor {
        boolean groupReady;
        final boolean careful;
        boolean pendingDone;
        String pendingAfter = "0-0";
        boolean claiming;
        String claimFrom = "0-0";
        long nextClaim;

        Cursor(boolean careful) {
            this.careful = careful;
        }
    }

    /** @return the next read, or null when a careful subscription has finished its pending entries */
    private ReadBatch step(Cursor c) {
        StreamCommands redis = connection.get();
        String group = KeySchema.CONSUMER_GROUP;
        if (!c.groupReady) {
            if (redis.createGroup(stream, group)) {
                log.info("shard {}: created consumer group {} on {}", shard, group, stream);
            }
            c.groupReady = true;
            c.nextClaim = nanoTime.getAsLong();
        }
        if (c.claiming || nanoTime.getAsLong() - c.nextClaim >= 0) {
            StreamCommands.Claim claim = redis.autoClaim(stream, group, options.consumer(), options.claimIdle(),
                    c.claimFrom, options.batchEntries());
            c.claiming = !StreamCommands.SCAN_DONE.equals(claim.next());
            c.claimFrom = c.claiming ? claim.next() : StreamCommands.SCAN_DONE;
            if (!c.claiming) {
                c.nextClaim = nanoTime.getAsLong() + options.claimInterval().toNanos();
            }
            if (!claim.deleted().isEmpty()) {
                log.warn("shard {}: {} pending entries were trimmed before anyone indexed them: {}", shard,
                        claim.deleted().size(), claim.deleted());
            }
            ReadBatch claimed = null;
            if (!claim.entries().isEmpty()) {
                metrics.claimed(claim.entries().size());
                log.info("shard {}: claimed {} entries idle for more than {}", shard, claim.entries().size(),
                        options.claimIdle());
                claimed = prepare(redis, ReadBatch.Source.CLAIMED, claim.entries()); // counts them in flight first
            }
            if (!c.claiming && c.pendingDone && hasOrphans(redis)) {
                c.pendingDone = false; // re-read own pending entries from 0; deleted ones come back without fields
                c.pendingAfter = "0-0";
            }
            if (claimed != null) {
                return claimed;
            }
        }
        if (!c.pendingDone) {
            List<StreamEntry> own = redis.readGroup(stream, group, options.consumer(),
                    c.careful ? 1 : options.batchEntries(), Optional.empty(), c.pendingAfter);
            if (!own.isEmpty()) {
                c.pendingAfter = own.get(own.size() - 1).id();
                return prepare(redis, ReadBatch.Source.PENDING, own);
            }
            c.pendingDone = true;
            if (c.careful) {
                return null;
            }
        }
        List<StreamEntry> fresh = redis.readGroup(stream, group, options.consumer(), options.batchEntries(),
                Optional.of(options.block()), ">");
        return prepare(redis, ReadBatch.Source.NEW, fresh);
    }

    /** @return entries read and not yet settled */
    long inFlight() {
        return inFlight.get();
    }

    /** Called when the commit of a batch of {@code entries} entries has finished, applied or stale. */
    void settled(int entries) {
        inFlight.updateAndGet(n -> Math.max(0, n - entries));
    }

    /**
     * Redis 6.2's XAUTOCLAIM moves entries deleted from the stream into the claimant's pending list without
     * returning them; they would stay there for ever (so would entries of a read whose reply got lost, should
     * anything ever re-send a read). When this consumer owns more pending entries than it has in
     * flight, some are such orphans. (An ack lowers the pending count before the in-flight count, never after.)
     */
    private boolean hasOrphans(StreamCommands redis) {
        long own = redis.pendingOf(stream, KeySchema.CONSUMER_GROUP, options.consumer());
        if (own > inFlight.get()) {
            log.info("shard {}: {} pending entries but {} in flight; re-reading this consumer's pending entries",
                    shard, own, inFlight.get());
            return true;
        }
        return false;
    }

    /** Decodes and aggregates; entries redelivered too often are condemned to the dead letters. */
    private ReadBatch prepare(StreamCommands redis, ReadBatch.Source source, List<StreamEntry> entries) {
        Map<String, String> condemned = Map.of();
        if (source != ReadBatch.Source.NEW && !entries.isEmpty()) {
            condemned = condemned(redis, entries);
        }
        inFlight.addAndGet(entries.size());
        return new ReadBatch(source, builder.build(shard, entries, condemned));
    }

    private Map<String, String> condemned(StreamCommands redis, List<StreamEntry> entries) {
        Map<String, Long> deliveries = redis.deliveries(stream, KeySchema.CONSUMER_GROUP, options.consumer(),
                entries.get(0).id(), entries.get(entries.size() - 1).id(), entries.size() + 2 * options.batchEntries());
        Map<String, String> condemned = new HashMap<>();
        for (StreamEntry e : entries) {
            long n = deliveries.getOrDefault(e.id(), 0L);
            if (n > options.maxDeliveries()) {
                condemned.put(e.id(), failures.lastError(e.id()).orElse("no commit succeeded") + " (delivered "
                        + n + " times, limit " + options.maxDeliveries() + ")");
            }
        }
        return condemned;
    }
}

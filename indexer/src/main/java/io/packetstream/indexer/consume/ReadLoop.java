package io.packetstream.indexer.consume;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads of the shard this indexer holds, one batch per call, blocking: after a take-over it moves every entry
 * still pending for any consumer of the group to this one (the shard is ours, so whoever read them before will
 * not finish them), reads those from id 0, then new entries with BLOCK.
 */
final class ReadLoop {

    private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);
    private static final int CLAIM_PAGE = 500;
    /** Bytes one read call returns at most, about: Redis copies them into its reply in one go, so keep it short. */
    static final int BYTES_PER_CALL = 256 * 1024;
    /**
     * Read calls sent together at most: Redis builds every reply of a round trip before the client reads the first,
     * so this bounds the replies waiting in Redis's memory (about 1 MiB), which it would otherwise keep allocating
     * afresh for each batch.
     */
    static final int CALLS_PER_TRIP = 4;

    private final int shard;
    private final String stream;
    private final Supplier<StreamCommands> connection;
    private final String consumer;
    private final int batchEntries;
    private final Duration block;
    private final BatchBuilder builder;
    private boolean pendingDone;
    private String pendingAfter = "0-0";
    /** the mean size of the entries read so far, to size each call; a guess until the first read */
    private double meanEntryBytes = 64 * 1024;

    /** @param connection commands on an open connection; asked at every step, so it may reconnect */
    ReadLoop(int shard, KeySchema keys, Supplier<StreamCommands> connection, String consumer, int batchEntries,
             Duration block, BatchBuilder builder) {
        this.shard = shard;
        this.stream = keys.stream(shard);
        this.connection = connection;
        this.consumer = consumer;
        this.batchEntries = batchEntries;
        this.block = block;
        this.builder = builder;
    }

    /**
     * Starts over after a take-over: makes sure the group exists, claims every pending entry of the shard for this
     * consumer and reads from the oldest.
     */
    void takeOver() {
        StreamCommands redis = connection.get();
        if (redis.createGroup(stream, KeySchema.CONSUMER_GROUP)) {
            log.info("shard {}: created consumer group {} on {}", shard, KeySchema.CONSUMER_GROUP, stream);
        }
        String cursor = StreamCommands.SCAN_DONE;
        int claimed = 0;
        do {
            StreamCommands.Claim claim = redis.autoClaim(stream, KeySchema.CONSUMER_GROUP, consumer, Duration.ZERO,
                    cursor, CLAIM_PAGE);
            claimed += claim.ids().size();
            if (!claim.deleted().isEmpty()) {
                log.warn("shard {}: {} pending entries were trimmed before anyone indexed them: {}", shard,
                        claim.deleted().size(), claim.deleted());
            }
            cursor = claim.next();
        } while (!StreamCommands.SCAN_DONE.equals(cursor));
        if (claimed > 0) {
            log.info("shard {}: {} entries pending for the group are now this consumer's to index", shard, claimed);
        }
        pendingDone = false;
        pendingAfter = StreamCommands.SCAN_DONE;
    }

    /**
     * @return the next batch of up to the batch size: pending entries first, then new ones (empty when none came
     * within the block time). Read in calls of about {@link #BYTES_PER_CALL} each, the later ones pipelined.
     */
    IndexBatch next() {
        StreamCommands redis = connection.get();
        int perCall = (int) Math.max(1, Math.min(batchEntries, BYTES_PER_CALL / meanEntryBytes));
        List<StreamEntry> entries = new ArrayList<>(batchEntries);
        if (!pendingDone) {
            while (entries.size() < batchEntries) {
                List<StreamEntry> own = redis.readGroup(stream, KeySchema.CONSUMER_GROUP, consumer,
                        Math.min(perCall, batchEntries - entries.size()), Optional.empty(), pendingAfter);
                if (own.isEmpty()) {
                    pendingDone = true;
                    break;
                }
                pendingAfter = own.get(own.size() - 1).id();
                entries.addAll(own);
            }
            if (!entries.isEmpty()) {
                return build(entries);
            }
        }
        entries.addAll(redis.readGroup(stream, KeySchema.CONSUMER_GROUP, consumer, perCall, Optional.of(block), ">"));
        int asked = perCall;
        while (entries.size() == asked && asked < batchEntries) {
            int calls = Math.min(CALLS_PER_TRIP, (batchEntries - asked + perCall - 1) / perCall);
            entries.addAll(redis.readGroupNew(stream, KeySchema.CONSUMER_GROUP, consumer, perCall, calls));
            asked += calls * perCall;
        }
        return build(entries);
    }

    private IndexBatch build(List<StreamEntry> entries) {
        long bytes = 0;
        for (StreamEntry e : entries) {
            bytes += e.fields().map(f -> f.getOrDefault(StreamEntryFields.PACKETS, NONE).length).orElse(0);
        }
        if (!entries.isEmpty()) {
            meanEntryBytes = Math.max(256, 0.5 * meanEntryBytes + 0.5 * bytes / entries.size());
        }
        return builder.build(shard, entries);
    }

    private static final byte[] NONE = new byte[0];
}

package io.packetstream.indexer.consume;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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

    private final int shard;
    private final String stream;
    private final Supplier<StreamCommands> connection;
    private final String consumer;
    private final int batchEntries;
    private final Duration block;
    private final BatchBuilder builder;
    private boolean pendingDone;
    private String pendingAfter = "0-0";

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

    /** @return the next batch: pending entries first, then new ones (empty when none came within the block time) */
    IndexBatch next() {
        StreamCommands redis = connection.get();
        if (!pendingDone) {
            List<StreamEntry> own = redis.readGroup(stream, KeySchema.CONSUMER_GROUP, consumer, batchEntries,
                    Optional.empty(), pendingAfter);
            if (!own.isEmpty()) {
                pendingAfter = own.get(own.size() - 1).id();
                return builder.build(shard, own);
            }
            pendingDone = true;
        }
        return builder.build(shard, redis.readGroup(stream, KeySchema.CONSUMER_GROUP, consumer, batchEntries,
                Optional.of(block), ">"));
    }
}

package io.packetstream.agent.publish;

import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.PacketBatchWriter;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One open {@link PacketBatchWriter} per shard. A batch closes when it reaches the packet or byte limit, or when
 * its first packet is older than the linger time; closed batches go to the consumer in creation order, numbered
 * per shard from 1 (the publish script's sequence). A clock heartbeat ({@link #heartbeats}) is numbered like a batch.
 * Producer-thread only.
 */
final class ShardBatches {

    /** Per-packet overhead of the record format: timestamp plus three varints at most. */
    private static final int RECORD_OVERHEAD = 8 + 3 * 5;

    private final PacketBatchWriter[] writers;
    private final long[] openedAt;
    private final long[] capturedBytes;
    private final long[] shardSequences;
    /** per shard: when its last batch closed or its last heartbeat went out (nanoTime) */
    private final long[] quietSince;
    private final int batchPackets;
    private final int batchBytes;
    private final long lingerNanos;
    private final Consumer<ReadyBatch> ready;
    private int open;
    private long openPackets;
    private long sequence;

    ShardBatches(int shards, int batchPackets, int batchBytes, long lingerNanos, Consumer<ReadyBatch> ready) {
        this.writers = new PacketBatchWriter[shards];
        this.openedAt = new long[shards];
        this.capturedBytes = new long[shards];
        this.shardSequences = new long[shards];
        this.quietSince = new long[shards];
        Arrays.fill(quietSince, System.nanoTime());
        this.batchPackets = batchPackets;
        this.batchBytes = batchBytes;
        this.lingerNanos = lingerNanos;
        this.ready = ready;
        int capacity = (int) Math.min(batchBytes + 1024L, 1 << 20);
        for (int i = 0; i < shards; i++) {
            writers[i] = new PacketBatchWriter(capacity);
        }
    }

    void append(int shard, long timestampNanos, int originalLength, int linkType, byte[] frame, int offset,
                int capturedLength) {
        PacketBatchWriter w = writers[shard];
        if (w.count() > 0 && w.size() + RECORD_OVERHEAD + capturedLength > batchBytes) {
            close(shard); // keep batches under the byte limit unless one packet alone exceeds it
        }
        if (w.count() == 0) {
            openedAt[shard] = System.nanoTime();
            open++;
        }
        w.append(timestampNanos, originalLength, linkType, frame, offset, capturedLength);
        openPackets++;
        capturedBytes[shard] += capturedLength;
        if (w.count() >= batchPackets || w.size() >= batchBytes) {
            close(shard);
        }
    }

    /** Closes the batches whose first packet is at least the linger time old. */
    void flushDue(long nowNanos) {
        if (open == 0) {
            return;
        }
        for (int shard = 0; shard < writers.length; shard++) {
            if (writers[shard].count() > 0 && nowNanos - openedAt[shard] >= lingerNanos) {
                close(shard);
            }
        }
    }

    /** Closes every open batch. */
    void flushAll() {
        if (open == 0) {
            return;
        }
        for (int shard = 0; shard < writers.length; shard++) {
            if (writers[shard].count() > 0) {
                close(shard);
            }
        }
    }

    /**
     * Sends a clock heartbeat on every shard that has held no open batch and sent nothing for {@code quietNanos}, so
     * that the indexer can close the sensor's connections there although no packet comes.
     *
     * @param clockNanos the sensor's clock to announce: no packet read later on these shards is older
     * @param room       takes a place in the buffer budget for one heartbeat; false: none is sent now
     */
    void heartbeats(long nowNanos, long quietNanos, long clockNanos, BooleanSupplier room) {
        for (int shard = 0; shard < writers.length; shard++) {
            if (writers[shard].count() == 0 && nowNanos - quietSince[shard] >= quietNanos) {
                if (!room.getAsBoolean()) {
                    return;
                }
                quietSince[shard] = nowNanos;
                ready.accept(new ReadyBatch(shard, sequence++, ++shardSequences[shard],
                        ClockHeartbeat.encode(clockNanos), 0, 0));
            }
        }
    }

    /** @return packets in open batches */
    long openPackets() {
        return openPackets;
    }

    /** Numbers the next batch of every shard 1 again: for a new publisher id. Only with no batch open. */
    void restartSequences() {
        if (open != 0) {
            throw new IllegalStateException("batches are still open");
        }
        Arrays.fill(shardSequences, 0);
    }

    private void close(int shard) {
        PacketBatchWriter w = writers[shard];
        ReadyBatch batch = new ReadyBatch(shard, sequence++, ++shardSequences[shard], w.toBytes(), w.count(),
                capturedBytes[shard]);
        openPackets -= w.count();
        w.reset();
        capturedBytes[shard] = 0;
        quietSince[shard] = System.nanoTime();
        open--;
        ready.accept(batch);
    }
}

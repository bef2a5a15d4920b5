package io.packetstream.agent.publish;

/**
 * A closed batch waiting for (or in) its stream entry.
 *
 * @param shard         stream shard
 * @param sequence      order of creation across all shards; failed batches are re-sent in this order
 * @param shardSequence the batch's number on its shard in this run, from 1, one more per batch; it never changes,
 *                      so every re-send carries the same number and the publish script appends it once
 * @param payload       the encoded packets ({@code PacketBatchWriter} format), or a {@code ClockHeartbeat}
 * @param packets       packets inside; 0 for a clock heartbeat
 * @param bytes         their captured bytes, as held in the buffer budget
 */
record ReadyBatch(int shard, long sequence, long shardSequence, byte[] payload, int packets, long bytes) {

    /**
     * @return the places it holds in the buffer budget: its packets, or one for a clock heartbeat, so that
     * heartbeats queued while Redis is away are bounded like batches
     */
    long budgetPackets() {
        return packets == 0 ? 1 : packets;
    }
}

package io.packetstream.agent.publish;

/**
 * A closed batch waiting for (or in) its XADD.
 *
 * @param shard    stream shard
 * @param sequence order of creation across all shards; failed batches are re-sent in this order
 * @param payload  the encoded packets ({@code PacketBatchWriter} format)
 * @param packets  packets inside
 * @param bytes    their captured bytes, as held in the buffer budget
 */
record ReadyBatch(int shard, long sequence, byte[] payload, int packets, long bytes) {
}

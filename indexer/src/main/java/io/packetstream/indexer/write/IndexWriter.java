package io.packetstream.indexer.write;

import java.util.List;

/**
 * One query structure's share of a batch: collects packets, aggregating in memory (dedupe, sums, min/max), then
 * emits one {@link KeyWrite} per key it touched. A writer instance serves one batch.
 */
interface IndexWriter {

    void add(IndexedPacket packet);

    void emitTo(List<KeyWrite> out);
}

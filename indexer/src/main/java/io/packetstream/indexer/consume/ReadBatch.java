package io.packetstream.indexer.consume;

import io.packetstream.indexer.write.IndexBatch;

/**
 * One read of the loop, decoded and aggregated; empty when a blocking read found nothing new.
 *
 * @param source where the entries came from
 * @param batch  their writes
 */
record ReadBatch(Source source, IndexBatch batch) {

    /** How the entries reached this consumer. */
    enum Source {
        /** This consumer's own unacknowledged entries, re-read from id 0 after a start or a failure. */
        PENDING,
        /** New entries ({@code >}). */
        NEW,
        /** Entries of idle consumers taken over with XAUTOCLAIM. */
        CLAIMED
    }
}

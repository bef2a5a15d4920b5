package io.packetstream.indexer.write;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What a batch holds, for metrics; counted only once its commit succeeds, so a redelivered batch never counts twice.
 *
 * @param packets     IP packets indexed
 * @param nonIp       well-formed frames without IP (ARP…), skipped
 * @param malformed   frames the decoder rejected, by reason
 * @param newestNanos the newest capture time indexed, if any packet was
 */
public record BatchStats(long packets, long nonIp, Map<String, Long> malformed, OptionalLong newestNanos) {

    public BatchStats {
        malformed = Map.copyOf(malformed);
    }
}

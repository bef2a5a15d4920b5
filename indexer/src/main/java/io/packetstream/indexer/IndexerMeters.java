package io.packetstream.indexer;

import io.packetstream.core.metrics.MeterInfo;
import io.packetstream.core.metrics.MeterSpec;

/**
 * Every meter the indexer registers, in one place.
 */
public enum IndexerMeters implements MeterSpec {
    PACKETS_INDEXED("packetstream.indexer.packets.indexed", "IP packets written to the indexes", "packets"),
    PACKETS_MALFORMED("packetstream.indexer.packets.malformed",
            "Frames the decoder rejected, skipped; tag reason", "packets"),
    PACKETS_IGNORED("packetstream.indexer.packets.ignored", "Well-formed frames carrying no IP (ARP…), skipped",
            "packets"),
    ENTRIES_ACKED("packetstream.indexer.entries.acked",
            "Stream entries acknowledged together with their index effects or dead letter", "entries"),
    ENTRIES_CLAIMED("packetstream.indexer.entries.claimed",
            "Entries claimed from consumers idle longer than the claim idle time", "entries"),
    DEAD_LETTERS("packetstream.indexer.dead.letters", "Entries written to the dead-letter stream; tag reason",
            "entries"),
    BATCHES_COMMITTED("packetstream.indexer.batches.committed", "Batches applied by the commit script", "batches"),
    BATCHES_STALE("packetstream.indexer.batches.stale",
            "Batches not applied because another consumer claimed their entries meanwhile", "batches"),
    COMMIT_LATENCY("packetstream.indexer.commit.latency", "Time of one commit script call", "seconds"),
    CHANGE_EVENTS("packetstream.indexer.change.events",
            "Change events written to the change streams by committed batches; tag type (connection_active, "
                    + "connection_inactive, volume, peer, service, outside, entry)", "events"),
    INDEX_WRITES("packetstream.indexer.index.writes",
            "Index keys written by committed batches (one script operation each)", "keys"),
    ERRORS("packetstream.indexer.errors",
            "Failed reads and commits, retried with backoff; tag kind (connection, unavailable, timeout, command, internal)",
            "errors"),
    PENDING("packetstream.indexer.pending", "Entries delivered to the group but not yet acknowledged; tag shard",
            "entries"),
    LAG("packetstream.indexer.lag", "Entries not yet delivered to the group (NaN where Redis cannot tell); tag shard",
            "entries"),
    NEWEST_INDEXED("packetstream.indexer.newest.indexed",
            "Capture time of the newest packet indexed by this process, epoch seconds", "seconds");

    private final MeterInfo info;

    IndexerMeters(String name, String description, String baseUnit) {
        this.info = new MeterInfo(name, description, baseUnit);
    }

    @Override
    public MeterInfo info() {
        return info;
    }
}

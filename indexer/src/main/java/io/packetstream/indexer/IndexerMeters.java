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
    SHARDS_TAKEN("packetstream.indexer.shards.taken",
            "Times this indexer took a shard over (at start, after a failure, from an indexer that stopped)", "shards"),
    SHARDS_LOST("packetstream.indexer.shards.lost",
            "Times this indexer found its shard lease taken by another indexer (it paused too long)", "shards"),
    JOURNALS_REPLAYED("packetstream.indexer.journals.replayed",
            "Batches committed by an earlier writer of the shard and finished by this one on take-over", "batches"),
    JOURNALS_UNREADABLE("packetstream.indexer.journals.unreadable",
            "Journals this indexer could not read (another version) and dropped; their entries are indexed again",
            "batches"),
    WRITES_SKIPPED("packetstream.indexer.writes.skipped",
            "Index writes Redis refused for the key's data (a foreign key of another type), skipped", "writes"),
    DEAD_LETTERS("packetstream.indexer.dead.letters", "Entries written to the dead-letter stream; tag reason",
            "entries"),
    BATCHES_COMMITTED("packetstream.indexer.batches.committed", "Batches committed and acknowledged", "batches"),
    COMMIT_LATENCY("packetstream.indexer.commit.latency",
            "Time to commit one batch: lookups, journal, pipelined writes, acknowledgement", "seconds"),
    CHANGE_EVENTS("packetstream.indexer.change.events",
            "Change events written to the change streams by committed batches; tag type (connection_active, "
                    + "connection_inactive, volume, peer, service, outside, entry)", "events"),
    INDEX_WRITES("packetstream.indexer.index.writes",
            "Redis write commands of committed batches (index writes, TTLs, change entries)", "commands"),
    ERRORS("packetstream.indexer.errors",
            "Failed reads and commits, retried with backoff; tag kind (connection, unavailable, timeout, command, internal)",
            "errors"),
    PENDING("packetstream.indexer.pending", "Entries delivered to the group but not yet acknowledged; tag shard",
            "entries"),
    LAG("packetstream.indexer.lag", "Entries not yet delivered to the group (NaN where Redis cannot tell); tag shard",
            "entries"),
    CHANGE_STREAM_BYTES("packetstream.indexer.change.stream.bytes",
            "Memory of the shard's change stream (live subscriptions), as Redis estimates it; tag shard", "bytes"),
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

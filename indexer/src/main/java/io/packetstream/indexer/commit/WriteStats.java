package io.packetstream.indexer.commit;

/** What a {@link ShardWriter} reports beyond its results: the rare events an operator must hear about. */
public interface WriteStats {

    /** A write Redis refused for its data (a foreign key of another type): skipped so the shard goes on. */
    void writeSkipped();

    /** A journal left by an earlier writer was applied and acknowledged: {@code entries} entries finished. */
    void journalReplayed(int entries);

    /** A journal could not be read (another indexer version): dropped, its entries indexed again. */
    void journalUnreadable();
}

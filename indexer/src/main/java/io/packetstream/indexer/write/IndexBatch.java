package io.packetstream.indexer.write;

import io.packetstream.core.change.ChangeEvent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes of one batch of stream entries of one shard, ready to commit together with the entries' XACK.
 *
 * @param shard       the shard the entries came from
 * @param entryIds    every entry of the batch, in stream order: each must still be pending for the committing
 *                    consumer, and each is acknowledged by the commit
 * @param deadLetters entries among them that go to the dead-letter stream instead of the index
 * @param writes      the aggregated index writes, one per key
 * @param indexed     the entries that are indexed (all but the dead letters), in stream order, as the {@code E}
 *                    change events announcing them
 * @param clocks      sensor → the newest time its entries brought, ns: its newest decoded packet or clock
 *                    heartbeat ({@link io.packetstream.core.record.ClockHeartbeat}); advances its capture clock
 * @param stats       what to count once the commit succeeded
 */
public record IndexBatch(int shard, List<String> entryIds, List<DeadLetter> deadLetters, List<KeyWrite> writes,
                         List<ChangeEvent.EntryIndexed> indexed, Map<String, Long> clocks, BatchStats stats) {

    public IndexBatch {
        entryIds = List.copyOf(entryIds);
        deadLetters = List.copyOf(deadLetters);
        writes = List.copyOf(writes);
        indexed = List.copyOf(indexed);
        clocks = Map.copyOf(clocks);
        Objects.requireNonNull(stats, "stats");
    }

    public boolean isEmpty() {
        return entryIds.isEmpty();
    }
}

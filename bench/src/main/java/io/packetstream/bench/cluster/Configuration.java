package io.packetstream.bench.cluster;

import java.util.List;

/**
 * One layout the cluster benchmark measures: how many stream shards the agent spreads the capture over and how
 * many indexers share them.
 *
 * @param label    e.g. {@code (b)}
 * @param shards   the namespace's shard count
 * @param indexers indexers running in this process, each its own consumer
 */
record Configuration(String label, int shards, int indexers) {

    /** 1 shard on one master, 1 indexer; 3 shards over the 3 masters, 1 indexer; the same with 2 indexers. */
    static final List<Configuration> STANDARD = List.of(new Configuration("(a)", 1, 1),
            new Configuration("(b)", 3, 1), new Configuration("(c)", 3, 2));

    Configuration {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (shards < 1 || indexers < 1) {
            throw new IllegalArgumentException("shards and indexers must be at least 1, were " + shards + " and "
                    + indexers);
        }
    }

    /** @return e.g. {@code (b) 3 shards, 1 indexer} */
    String describe() {
        return String.format("%s %d shard%s, %d indexer%s", label, shards, shards == 1 ? "" : "s", indexers,
                indexers == 1 ? "" : "s");
    }
}

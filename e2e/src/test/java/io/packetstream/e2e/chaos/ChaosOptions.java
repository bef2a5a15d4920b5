package io.packetstream.e2e.chaos;

import java.time.Duration;

/**
 * What the chaos suite does, read from system properties ({@code -Dchaos.seed=…} on the Maven command line reaches
 * the forked test JVM). The seed fixes every random choice of the fault plan; the defaults keep the suite near a
 * minute on two cores.
 *
 * @param seed          draws the fault plan: which faults, in which order, when, against which process
 * @param faults        background faults (indexer kills and pauses, Redis kills and restarts) at least; they go on
 *                      until the captures are replayed
 * @param indexers      indexer processes contending for the shards
 * @param shards        stream shards of the namespace
 * @param lease         the indexers' {@code --lease}: short, so shards change hands after every kill and outage
 * @param agentKillsMax most {@code kill -9}s of the agent replaying one capture
 */
record ChaosOptions(long seed, int faults, int indexers, int shards, Duration lease, int agentKillsMax) {

    static final long DEFAULT_SEED = 20261203L;
    static final int DEFAULT_FAULTS = 8;
    static final int DEFAULT_INDEXERS = 3;
    static final int DEFAULT_SHARDS = 4;
    static final Duration DEFAULT_LEASE = Duration.ofMillis(600);
    static final int DEFAULT_AGENT_KILLS_MAX = 2;

    ChaosOptions {
        if (faults < 0 || indexers < 1 || shards < 1 || agentKillsMax < 0) {
            throw new IllegalArgumentException("faults and agentKillsMax must be >= 0, indexers and shards >= 1");
        }
    }

    /** From {@code chaos.seed} and {@code chaos.faults}, else the defaults. */
    static ChaosOptions fromSystemProperties() {
        return new ChaosOptions(Long.getLong("chaos.seed", DEFAULT_SEED),
                Integer.getInteger("chaos.faults", DEFAULT_FAULTS), DEFAULT_INDEXERS, DEFAULT_SHARDS, DEFAULT_LEASE,
                DEFAULT_AGENT_KILLS_MAX);
    }
}

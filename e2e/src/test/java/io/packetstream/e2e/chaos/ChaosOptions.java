package io.packetstream.e2e.chaos;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the chaos suite does, read from system properties ({@code -Dchaos.seed=…} on the Maven command line reaches
 * the forked test JVM). The seed fixes every random choice of the fault plan; the defaults keep the suite near a
 * minute on two cores.
 *
 * @param seed          draws the fault plan: which faults, in which order, when, against which process
 * @param faults        background faults (indexer kills and pauses, Redis kills and restarts) at least; they go on
 *                      until the captures are replayed, up to three times as many
 * @param indexers      indexer processes contending for the shards
 * @param shards        stream shards of the namespace
 * @param lease         the indexers' {@code --lease}: short, so shards change hands after every kill and outage
 * @param agentKillsMax most {@code kill -9}s of the agent replaying one capture
 * @param kinds         the kinds of background fault drawn ({@code chaos.faultKinds}, comma-separated, e.g.
 *                      {@code pause_indexer}), to find which one a failure needs
 */
record ChaosOptions(long seed, int faults, int indexers, int shards, Duration lease, int agentKillsMax,
                    Set<FaultPlan.Kind> kinds) {

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
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no kind of fault to draw");
        }
        kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds)); // printed in declaration order
    }

    /** From {@code chaos.seed}, {@code chaos.faults} and {@code chaos.faultKinds}, else the defaults. */
    static ChaosOptions fromSystemProperties() {
        String kinds = System.getProperty("chaos.faultKinds", "").trim();
        Set<FaultPlan.Kind> drawn = kinds.isEmpty() ? EnumSet.allOf(FaultPlan.Kind.class)
                : Arrays.stream(kinds.split(",")).map(k -> FaultPlan.Kind.valueOf(k.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultPlan.Kind.class)));
        return new ChaosOptions(Long.getLong("chaos.seed", DEFAULT_SEED),
                Integer.getInteger("chaos.faults", DEFAULT_FAULTS), DEFAULT_INDEXERS, DEFAULT_SHARDS, DEFAULT_LEASE,
                DEFAULT_AGENT_KILLS_MAX, drawn);
    }
}

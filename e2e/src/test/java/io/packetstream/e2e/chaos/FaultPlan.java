package io.packetstream.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Every random choice of a chaos run, drawn from the seed: the same seed gives the same agent kill points and the
 * same sequence of background faults, with the same waits and targets. How many of the sequence run depends on how
 * long the replay takes on the machine, and when a fault lands relative to the programs' own progress depends on
 * its speed; the agent kills are tied to progress for that reason.
 */
final class FaultPlan {

    enum Kind {
        /** {@code kill -9} of an indexer; after the outage it starts again, under the same or a new consumer name */
        KILL_INDEXER,
        /** SIGSTOP of an indexer for longer than its lease, then SIGCONT: it wakes up holding leases it has lost */
        PAUSE_INDEXER,
        /** {@code kill -9} of redis-server; after the outage it starts on the same port and directory, from its AOF */
        KILL_REDIS,
        /** SIGTERM of redis-server (it writes and exits); restarted likewise */
        STOP_REDIS
    }

    /**
     * @param after   the wait before it, from the end of the previous fault
     * @param indexer which indexer (indexer faults only)
     * @param renamed whether a killed indexer comes back under a new consumer name
     * @param outage  how long the process stays down or paused
     */
    record Fault(Kind kind, Duration after, int indexer, boolean renamed, Duration outage) {
        String describe() {
            return switch (kind) {
                case KILL_INDEXER -> "kill -9 indexer " + indexer + ", back after " + outage.toMillis() + " ms as "
                        + (renamed ? "a new consumer" : "the same consumer");
                case PAUSE_INDEXER -> "SIGSTOP indexer " + indexer + " for " + outage.toMillis() + " ms, then SIGCONT";
                case KILL_REDIS -> "kill -9 redis-server, back after " + outage.toMillis() + " ms from its AOF";
                case STOP_REDIS -> "SIGTERM redis-server, back after " + outage.toMillis() + " ms from its AOF";
            };
        }
    }

    private final Map<String, List<Double>> agentKills;
    private final Random faults;
    private final int indexers;
    private final Duration lease;
    private final Set<Kind> kinds;

    private FaultPlan(Map<String, List<Double>> agentKills, Random faults, ChaosOptions options) {
        this.agentKills = Collections.unmodifiableMap(new LinkedHashMap<>(agentKills)); // in capture order
        this.faults = faults;
        this.indexers = options.indexers();
        this.lease = options.lease();
        this.kinds = options.kinds();
    }

    static FaultPlan draw(ChaosOptions options, List<String> sensors) {
        Random random = new Random(options.seed());
        Map<String, List<Double>> agentKills = new LinkedHashMap<>();
        for (String sensor : sensors) {
            List<Double> points = new ArrayList<>();
            int kills = random.nextInt(options.agentKillsMax() + 1);
            for (int k = 0; k < kills; k++) {
                points.add(random.nextDouble());
            }
            agentKills.put(sensor, points);
        }
        // a generator of its own: the agent kill points do not depend on how many faults a run draws
        return new FaultPlan(agentKills, new Random(random.nextLong()), options);
    }

    /**
     * @return the points at which the capture's first, second, … agent run is killed, each a fraction of what the
     * run still has to publish; the run after the last one completes
     */
    List<Double> agentKills(String sensor) {
        return agentKills.getOrDefault(sensor, List.of());
    }

    Map<String, List<Double>> agentKills() {
        return agentKills;
    }

    /**
     * @return the next background fault of the seed's endless sequence (one thread draws them); a kind not in
     * {@link ChaosOptions#kinds()} is drawn and skipped, so a subset keeps the waits and targets of the full plan
     */
    Fault nextFault() {
        while (true) {
            Fault fault = draw();
            if (kinds.contains(fault.kind())) {
                return fault;
            }
        }
    }

    private Fault draw() {
        Duration after = Duration.ofMillis(200 + faults.nextInt(1000));
        double kind = faults.nextDouble();
        if (kind < 0.35) {
            return new Fault(Kind.KILL_INDEXER, after, faults.nextInt(indexers), faults.nextBoolean(),
                    Duration.ofMillis(faults.nextInt(1500)));
        }
        if (kind < 0.6) {
            long pause = lease.toMillis() + faults.nextInt((int) lease.toMillis() * 2);
            return new Fault(Kind.PAUSE_INDEXER, after, faults.nextInt(indexers), false, Duration.ofMillis(pause));
        }
        Duration outage = Duration.ofMillis(200 + faults.nextInt(1300));
        return new Fault(kind < 0.85 ? Kind.KILL_REDIS : Kind.STOP_REDIS, after, -1, false, outage);
    }
}

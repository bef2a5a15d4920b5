package io.packetstream.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every random choice of a chaos run, drawn from the seed before anything starts: the same seed gives the same
 * faults in the same order with the same waits and targets. (When a fault lands relative to the programs' own
 * progress still depends on the machine's speed; the agent kills are tied to progress for that reason.)
 *
 * @param background faults injected one after another while the captures replay and are indexed
 * @param agentKills per sensor, the points (fractions of the capture's packets still to publish) at which its
 *                   first, second, … agent run is killed; the run after the last one completes
 */
record FaultPlan(List<Fault> background, Map<String, List<Double>> agentKills) {

    enum Kind {
        /** {@code kill -9} of an indexer; after the outage it starts again, under the same or a new consumer name */
        KILL_INDEXER,
        /** {@code kill -9} of redis-server; after the outage it starts on the same port and directory, from its AOF */
        KILL_REDIS,
        /** SIGTERM of redis-server (it writes and exits); restarted likewise */
        STOP_REDIS
    }

    /**
     * @param after   the wait before it, from the end of the previous fault
     * @param indexer which indexer ({@link Kind#KILL_INDEXER} only)
     * @param renamed whether the indexer comes back under a new consumer name ({@link Kind#KILL_INDEXER} only)
     * @param outage  how long the process stays down
     */
    record Fault(Kind kind, Duration after, int indexer, boolean renamed, Duration outage) {
        String describe() {
            return switch (kind) {
                case KILL_INDEXER -> "kill -9 indexer " + indexer + ", back after " + outage.toMillis() + " ms as "
                        + (renamed ? "a new consumer" : "the same consumer");
                case KILL_REDIS -> "kill -9 redis-server, back after " + outage.toMillis() + " ms from its AOF";
                case STOP_REDIS -> "SIGTERM redis-server, back after " + outage.toMillis() + " ms from its AOF";
            };
        }
    }

    FaultPlan {
        background = List.copyOf(background);
        agentKills = Map.copyOf(agentKills);
    }

    static FaultPlan draw(ChaosOptions options, List<String> sensors) {
        Random random = new Random(options.seed());
        List<Fault> background = new ArrayList<>();
        for (int i = 0; i < options.faults(); i++) {
            Duration after = Duration.ofMillis(200 + random.nextInt(1000));
            double kind = random.nextDouble();
            if (kind < 0.5) {
                background.add(new Fault(Kind.KILL_INDEXER, after, random.nextInt(options.indexers()),
                        random.nextBoolean(), Duration.ofMillis(random.nextInt(1500))));
            } else {
                Duration outage = Duration.ofMillis(200 + random.nextInt(1300));
                background.add(new Fault(kind < 0.8 ? Kind.KILL_REDIS : Kind.STOP_REDIS, after, -1, false, outage));
            }
        }
        Map<String, List<Double>> agentKills = new LinkedHashMap<>();
        for (String sensor : sensors) {
            List<Double> points = new ArrayList<>();
            int kills = random.nextInt(options.agentKillsMax() + 1);
            for (int k = 0; k < kills; k++) {
                points.add(random.nextDouble());
            }
            agentKills.put(sensor, points);
        }
        return new FaultPlan(background, agentKills);
    }

    List<Double> agentKills(String sensor) {
        return agentKills.getOrDefault(sensor, List.of());
    }
}

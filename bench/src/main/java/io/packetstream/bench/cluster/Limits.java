package io.packetstream.bench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Says, from the measured figures alone, what bounded each configuration: the machine's cores, one Redis master's
 * single thread, or neither (then the pipeline waited: replica acknowledgements, batching, its reading threads).
 */
final class Limits {

    /** A share of the cores, or of one core, at or above which it counts as full. */
    static final double FULL = 0.85;

    /** What bounded a run. */
    enum Bound { CORES, REDIS_MASTER, WAITING }

    private Limits() {
    }

    /** @return what bounded {@code r} on a machine of {@code cores} cores */
    static Bound bound(ConfigResult r, int cores) {
        double machine = r.together().machineBusyShare();
        boolean coresFull = Double.isNaN(machine) ? usedCores(r) >= FULL * cores : machine >= FULL;
        if (coresFull) {
            return Bound.CORES;
        }
        return r.busiestCoreShare() >= FULL ? Bound.REDIS_MASTER : Bound.WAITING;
    }

    /** @return cores this JVM and every Redis node used on average during the end-to-end run */
    static double usedCores(ConfigResult r) {
        return (r.together().jvmSeconds() + r.redisCpuSeconds() + r.replicaCpu()) / r.endToEndSeconds();
    }

    /** @return CPU per packet of everything (agent, indexers, masters, replicas), µs, from the separate runs */
    static double demandMicros(ConfigResult r) {
        return r.agentMicros() + r.indexerMicros() + r.redisMicros() + replicaMicros(r);
    }

    static double replicaMicros(ConfigResult r) {
        return r.replicaCpu() * 1e6 / r.packets();
    }

    /** @return the most packets/s {@code cores} cores can carry at that demand */
    static double ceiling(ConfigResult r, int cores) {
        return cores * 1e6 / demandMicros(r);
    }

    /** A gain below this, from one configuration to the next, counts as none. */
    static final double GAIN = 1.15;

    /** @return one paragraph per configuration, then one per step from a configuration to the next */
    static List<String> explain(List<ConfigResult> results, int cores) {
        List<String> lines = new ArrayList<>();
        for (ConfigResult r : results) {
            double machine = r.together().machineBusyShare();
            String others = Double.isNaN(machine) ? "" : String.format(", the rest %.2f (the kernel's network "
                            + "work, Redis's other threads, other processes)",
                    Math.max(0, machine * cores - usedCores(r)));
            lines.add(String.format("%s: %,.0f packets/s on %.2f of %d cores (this JVM %.2f, Redis masters %.2f, "
                            + "replicas %.2f%s; the machine %s busy): %s. A packet costs %.1f µs of CPU in all "
                            + "(agent %.1f, indexers %.1f, masters %.1f, replicas %.1f, from the runs apart), so %d "
                            + "cores carry at most %,.0f packets/s; this run reached %.0f %% of that. The busiest "
                            + "master used %.2f of its core.",
                    r.config().describe(), r.endToEndRate(), usedCores(r), cores,
                    r.together().jvmSeconds() / r.endToEndSeconds(), r.redisCpuSeconds() / r.endToEndSeconds(),
                    r.replicaCpu() / r.endToEndSeconds(), others, r.together().machineBusyText(), describe(bound(r, cores)),
                    demandMicros(r), r.agentMicros(), r.indexerMicros(), r.redisMicros(), replicaMicros(r), cores,
                    ceiling(r, cores), 100 * r.endToEndRate() / ceiling(r, cores), r.busiestCoreShare()));
        }
        for (int i = 1; i < results.size(); i++) {
            ConfigResult from = results.get(i - 1);
            ConfigResult to = results.get(i);
            lines.add(String.format("%s → %s (%s): end to end ×%.2f, CPU a packet %.1f → %.1f µs, the busiest master "
                            + "%.2f → %.2f of a core; %s", from.config().label(), to.config().label(),
                    added(from.config(), to.config()), to.endToEndRate() / from.endToEndRate(), demandMicros(from),
                    demandMicros(to), from.busiestCoreShare(), to.busiestCoreShare(), step(from, to, cores)));
        }
        return lines;
    }

    private static String step(ConfigResult from, ConfigResult to, int cores) {
        boolean gained = to.endToEndRate() / from.endToEndRate() >= GAIN;
        return switch (bound(to, cores)) {
            case CORES -> gained
                    ? "the cores were full, yet it gained: the same cores did the work with less waiting (more "
                    + "batches in flight at once), the ceiling (cores ÷ CPU a packet) did not rise"
                    : "the cores were full, so what was added had no core of its own: on this machine throughput "
                    + "stays near the ceiling (cores ÷ CPU a packet) whatever the layout";
            case REDIS_MASTER -> "one master's thread was nearly a whole core: more shards help only when they move "
                    + "work off that master";
            case WAITING -> (gained ? "it gained" : "it did not gain")
                    + " with neither the cores nor a master full: the pipeline waited (replica acknowledgements, "
                    + "batches, reads), and the layout changed how much of that overlapped";
        };
    }

    private static String added(Configuration from, Configuration to) {
        List<String> parts = new ArrayList<>();
        if (to.shards() != from.shards()) {
            parts.add(String.format("%+d shard(s)", to.shards() - from.shards()));
        }
        if (to.indexers() != from.indexers()) {
            parts.add(String.format("%+d indexer(s)", to.indexers() - from.indexers()));
        }
        return parts.isEmpty() ? "the same layout" : String.join(", ", parts);
    }

    private static String describe(Bound bound) {
        return switch (bound) {
            case CORES -> "bound by the machine's cores";
            case REDIS_MASTER -> "bound by one Redis master's thread";
            case WAITING -> "bound by neither cores nor a master: by waiting";
        };
    }
}

package io.packetstream.bench.cluster;

import io.packetstream.bench.pipeline.BenchCapture;
import io.packetstream.bench.pipeline.PhaseCost;
import io.packetstream.bench.redis.SlowLogSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The cluster benchmark's report: per configuration and master, the summary, what bounded it and the prediction. */
final class ClusterReport {

    /**
     * How the cluster and the programs were set up.
     *
     * @param replicas     replicas per master
     * @param replicaWait  the agent's --replica-wait
     * @param batchEntries the indexers' --batch-entries
     * @param hashed       shard → index of the master its slot fell on in the new cluster
     * @param placed       shard → index of the master that held it while measuring
     */
    record Setup(int replicas, Duration replicaWait, int batchEntries, List<Integer> hashed, List<Integer> placed) {
        Setup {
            hashed = List.copyOf(hashed);
            placed = List.copyOf(placed);
        }
    }

    private final BenchCapture capture;
    private final Setup setup;
    private final int replicas;
    private final List<ConfigResult> results;
    private final int cores = Runtime.getRuntime().availableProcessors();

    ClusterReport(BenchCapture capture, Setup setup, List<ConfigResult> results) {
        this.capture = capture;
        this.setup = setup;
        this.replicas = setup.replicas();
        this.results = List.copyOf(results);
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== packetstream cluster benchmark ===");
        out.printf("capture    %s: %,d packets, %,.1f MB captured, mean frame %.0f B%n", capture.file().getFileName(),
                capture.packets(), capture.capturedBytes() / 1e6, (double) capture.capturedBytes() / capture.packets());
        out.printf("cluster    %d masters, %s; redis-server on loopback, deploy/redis/redis.conf's settings, no "
                        + "persistence; agent and indexers in this JVM (indexer --batch-entries %d), warmed up by one unreported run; %d "
                        + "cores in all%n",
                results.get(0).masters().size(), replicas == 0 ? "no replicas (the agent does not WAIT)"
                        : replicas + " replica(s) each, the agent WAITs for 1 after each publish (--replica-wait "
                        + setup.replicaWait().toMillis() + "ms)", setup.batchEntries(), cores);
        out.printf("shards     by their hash tags shards 0–%d fall on masters %s (numbered from 1); measured on %s%n",
                setup.hashed().size() - 1, numbered(setup.hashed()), setup.placed().equals(setup.hashed())
                        ? "that layout" : "masters " + numbered(setup.placed()) + " (their empty slots moved first)");
        results.forEach(r -> printConfiguration(out, r));
        printSummary(out);
        out.println("-- what limits it --");
        Limits.explain(results, cores).forEach(line -> out.println("  " + line));
        printPrediction(out);
    }

    private void printConfiguration(PrintStream out, ConfigResult r) {
        out.printf("-- %s --%n", r.config().describe());
        out.printf("end to end     %.2f s → %,.0f packets/s (publish start → all indexed); agent published in %.2f s "
                        + "(%,.0f packets/s); indexed %,d of %,d %s%n", r.endToEndSeconds(), r.endToEndRate(),
                r.publishedSeconds(), r.publishRate(), r.indexed(), r.packets(), r.indexed() == r.packets() ? "ok" : "MISSING");
        out.printf("apart          publish alone %.2f s (%,.0f packets/s), index alone %.2f s (%,.0f packets/s, "
                        + "indexed %,d)%n", r.publishAlone().seconds(), r.packets() / r.publishAlone().seconds(),
                r.indexAlone().seconds(), r.packets() / r.indexAlone().seconds(), r.indexedAlone());
        out.println("master  shards  cpu s  µs/packet  core share   publish alone µs/packet   index alone µs/packet  "
                + "calls > 1 ms  longest");
        for (int i = 0; i < r.masters().size(); i++) {
            NodeCost n = r.masters().get(i);
            out.printf("%-7s %6s %6.2f %9.2f %10.2f %25s %23s %13d  %s%n", n.node(), shardsOn(i, r.config()),
                    n.cpuSeconds(), n.cpuMicros(),
                    n.cpuSeconds() / r.endToEndSeconds(), range(n.publish()), range(n.index()),
                    n.together().slow().count(), longest(n.together().slow()));
        }
        long slow = r.masters().stream().mapToLong(n -> n.together().slow().count()).sum();
        out.printf("%-7s %6s %6.2f %9.2f %10.2f %25s %23s %13d%n", "sum", "", r.redisCpuSeconds(), r.redisMicros(),
                r.redisCpuSeconds() / r.endToEndSeconds(), sum(r, true), sum(r, false), slow);
        NodeCost b = r.busiest();
        out.printf("busiest %s: %.2f s, %.2f µs/packet, %.2f of a core%n", b.node(), b.cpuSeconds(), b.cpuMicros(),
                r.busiestCoreShare());
        if (replicas > 0) {
            out.printf("replicas       %.2f s of CPU, %.2f µs/packet, all %d together%n", r.replicaCpu(),
                    Limits.replicaMicros(r), replicas * r.masters().size());
        }
        out.println("  (cpu s, µs/packet, core share: main-thread CPU (INFO cpu) in the end-to-end run, per packet of the "
                + "whole capture; publish/index alone: main-thread CPU (commandstats, executing only, a script's inner "
                + "commands counted once to twice); calls > 1 ms: SLOWLOG in the end-to-end run)");
    }

    private void printSummary(PrintStream out) {
        out.println("-- summary --");
        out.println("| configuration | end to end | agent publish | Redis µs/packet, all masters | busiest master µs/packet"
                + " (core share) | calls > 1 ms, longest | this JVM, cores | machine busy |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (ConfigResult r : results) {
            long slow = r.masters().stream().mapToLong(n -> n.together().slow().count()).sum();
            double longest = r.masters().stream().mapToDouble(n -> n.together().slow().longest()
                    .map(c -> c.micros() / 1000.0).orElse(0.0)).max().orElse(0);
            double machine = r.together().machineBusyShare();
            out.printf("| %s | %,.0f packets/s | %,.0f packets/s | %.2f | %.2f (%.2f) | %d, %.1f ms | %.2f | %s |%n",
                    r.config().describe(), r.endToEndRate(), r.publishRate(), r.redisMicros(), r.busiest().cpuMicros(),
                    r.busiestCoreShare(), slow, longest, r.together().jvmSeconds() / r.endToEndSeconds(),
                    Double.isNaN(machine) ? "?" : String.format("%.0f %%", 100 * machine));
        }
    }

    private void printPrediction(PrintStream out) {
        ConfigResult base = results.stream().filter(r -> r.config().shards() >= r.masters().size())
                .reduce((first, second) -> second).orElse(results.get(results.size() - 1));
        ScaleOut s = new ScaleOut(base.redisMicros(), base.busiest().cpuMicros(), base.masters().size(),
                base.indexerMicros(), base.agentMicros(), ScaleOut.DEFAULT_BUDGET);
        double target = ScaleOut.DEFAULT_TARGET;
        int budget = (int) Math.round(100 * s.budget());
        out.printf("-- a larger deployment, predicted from %s --%n", base.config().describe());
        out.printf("Redis          %.2f µs of main-thread CPU a packet over all masters; the busiest %.2f µs "
                + "(imbalance ×%.2f)%n", s.redisMicros(), s.busiestMicros(), s.imbalance());
        out.printf("one master     %,.0f packets/s at %d %% of its core; this layout %,.0f packets/s before its busiest "
                + "master passes %d %%%n", s.perNodeRate(), budget, s.clusterRate(), budget);
        out.printf("one indexer    %.2f µs of CPU a packet → %,.0f packets/s at %d %% of a core%n", s.indexerMicros(),
                s.indexerRate(), budget);
        out.printf("one agent      %.2f µs of CPU a packet → %,.0f packets/s with a whole core%n", s.agentMicros(),
                s.agentRate());
        int nodes = s.nodesFor(target);
        out.printf("for %,.0f packets/s: %d masters%s, %d indexers, %d shards (%d per master), agents: %.1f cores of "
                        + "publishing spread over the capture points%n", target, nodes,
                replicas > 0 ? " (and their replicas)" : "", s.indexersFor(target), s.shardsFor(target),
                s.shardsFor(target) / nodes, target / s.agentRate());
        out.println("assuming:");
        ScaleOut.ASSUMPTIONS.forEach(a -> out.println("  - " + a));
    }

    /** @return the shards of {@code config} that master {@code master} held, e.g. {@code 1,2}, or {@code -} */
    private String shardsOn(int master, Configuration config) {
        List<String> held = new java.util.ArrayList<>();
        for (int k = 0; k < config.shards(); k++) {
            if (setup.placed().get(k) == master) {
                held.add(Integer.toString(k));
            }
        }
        return held.isEmpty() ? "-" : String.join(",", held);
    }

    private static String numbered(List<Integer> masters) {
        return masters.stream().map(m -> Integer.toString(m + 1)).toList().toString();
    }

    /** @return e.g. {@code 1.20 (0.90–1.10)}: main-thread CPU, then commandstats counted once to twice */
    private static String range(PhaseCost phase) {
        return format(phase.cpuMicros(), phase.commandMicrosLow(), phase.commandMicrosHigh());
    }

    private static String sum(ConfigResult r, boolean publish) {
        List<PhaseCost> phases = r.masters().stream().map(n -> publish ? n.publish() : n.index()).toList();
        return format(phases.stream().mapToDouble(PhaseCost::cpuMicros).sum(),
                phases.stream().mapToDouble(PhaseCost::commandMicrosLow).sum(),
                phases.stream().mapToDouble(PhaseCost::commandMicrosHigh).sum());
    }

    private static String format(double cpu, double low, double high) {
        return String.format("%.2f (%.2f–%.2f)", cpu, low, high);
    }

    private static String longest(SlowLogSummary slow) {
        return slow.longest().map(c -> String.format("%.1f ms %s", c.micros() / 1000.0, c.command())).orElse("-");
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Files.writeString(file, bytes.toString(StandardCharsets.UTF_8));
    }
}

package io.packetstream.bench.pipeline;

import io.packetstream.bench.redis.CommandTime;
import io.packetstream.bench.redis.SlowLogSummary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The figures of one pipeline benchmark run, each printed beside its reference or the target and the
 * verdict. Filled in by {@link PipelineBenchmark} as the run goes.
 */
final class Report {

    static final double TARGET_P99_MS = 20;
    static final double TARGET_SCAN_MS = 3000;
    private static final int TOP_COMMANDS = 6;

    private final BenchCapture capture;
    private final Targets targets;
    private final int shards;
    private final int batchEntries;
    OptionalDouble tsharkSeconds = OptionalDouble.empty();
    OptionalDouble xaddReference = OptionalDouble.empty();
    PipelineBenchmark.Throughput together;
    SlowLogSummary togetherSlow;
    PhaseCost publish;
    PhaseCost index;
    IndexMemory memory;
    QueryLatency.Measured queries = new QueryLatency.Measured(List.of(), "none");
    SlowLogSummary queriesSlow;

    Report(BenchCapture capture, int shards, int batchEntries) {
        this.capture = capture;
        this.targets = Targets.of(capture);
        this.shards = shards;
        this.batchEntries = batchEntries;
    }

    /** @return end-to-end packets per second, agent and indexer running together */
    double rate() {
        return capture.packets() / together.indexedSeconds();
    }

    double memoryRatio() {
        return (double) memory.totalBytes() / capture.capturedBytes();
    }

    private double tsharkRate() {
        return capture.packets() / tsharkSeconds.getAsDouble();
    }

    boolean targetsMet() {
        boolean ok = index.commandMicrosHigh() <= targets.indexMicros() && memoryRatio() <= targets.memoryRatio();
        if (targets.xaddRatio() > 0 && xaddReference.isPresent()) {
            ok &= rate() / xaddReference.getAsDouble() >= targets.xaddRatio();
        }
        if (targets.tsharkRatio() > 0 && tsharkSeconds.isPresent()) {
            ok &= rate() / tsharkRate() >= targets.tsharkRatio();
        }
        for (QueryLatency.Figures f : queries.questions()) {
            ok &= f.question().startsWith("5") ? f.max() <= TARGET_SCAN_MS : f.p99() <= TARGET_P99_MS;
        }
        return ok && togetherSlow.longest().map(c -> c.micros() <= 2000).orElse(true);
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== packetstream pipeline benchmark ===");
        out.printf("capture            %s: %,d packets, %,.1f MB captured, mean frame %.0f B, spans %.1f s; targets of %s%n",
                capture.file().getFileName(), capture.packets(), capture.capturedBytes() / 1e6, capture.meanFrameBytes(),
                (capture.lastNanos() - capture.firstNanos()) / 1e9, targets.capture());
        out.printf("-- run 1: agent and indexer together, as fast as possible (%d shard(s), indexer --batch-entries %d) --%n",
                shards, batchEntries);
        out.printf("agent published    %.2f s (%,.0f packets/s)%n", together.publishedSeconds(),
                capture.packets() / together.publishedSeconds());
        out.printf("all indexed        %.2f s → end-to-end %,.0f packets/s%n", together.indexedSeconds(), rate());
        if (xaddReference.isPresent()) {
            double ref = xaddReference.getAsDouble();
            out.printf("vs redis-benchmark %,.0f XADD/s of one %d-byte record (-c %d -P %d): ratio %.2f %s%n", ref,
                    capture.meanRecordBytes(), ReferenceXadd.CLIENTS, ReferenceXadd.PIPELINE, rate() / ref,
                    Targets.atLeast(rate() / ref, targets.xaddRatio(), targets.capture()));
        } else {
            out.println("vs redis-benchmark not installed: no ratio");
        }
        if (tsharkSeconds.isPresent()) {
            out.printf("vs tshark          %.2f s = %,.0f packets/s (tshark %s FILE): ratio %.2f %s%n",
                    tsharkSeconds.getAsDouble(), tsharkRate(), String.join(" ", TsharkReference.ARGS),
                    rate() / tsharkRate(), Targets.atLeast(rate() / tsharkRate(), targets.tsharkRatio(), targets.capture()));
        } else {
            out.println("vs tshark          not installed: no ratio");
        }
        out.println("slow redis calls   " + togetherSlow.headline() + "  (target: none > 2 ms) "
                + (togetherSlow.longest().map(c -> c.micros() <= 2000).orElse(true) ? "met" : "MISSED"));
        togetherSlow.slowest().stream().skip(1).forEach(c -> out.println("                     " + c.describe()));
        printCost(out);
        printMemory(out);
        out.println("-- queries on the indexed capture --");
        out.println("question                        requests   p50 ms   p99 ms   max ms   results/request");
        for (QueryLatency.Figures f : queries.questions()) {
            boolean scan = f.question().startsWith("5");
            out.printf("%-30s %9d %8.1f %8.1f %8.1f %10d   %s%n", f.question(), f.requests(), f.p50(), f.p99(), f.max(),
                    f.results(), scan ? "target max ≤ 3000 ms " + verdict(f.max() <= TARGET_SCAN_MS)
                            : "target p99 ≤ 20 ms " + verdict(f.p99() <= TARGET_P99_MS));
        }
        out.println("slow redis calls   " + queriesSlow.headline() + " (while querying)");
        out.println("collections        " + queries.collections() + " (this JVM, while querying)");
    }

    /**
     * What bounds the end-to-end rate on this machine: all the CPU one packet costs (the agent's and the indexer's
     * JVM, Redis's main thread) against the cores there are. A run with everything on one machine cannot go faster,
     * however its parts overlap.
     */
    private void printCpuBound(PrintStream out) {
        double perPacket = publish.jvmMicros() + publish.cpuMicros() + index.jvmMicros() + index.cpuMicros();
        int cores = Runtime.getRuntime().availableProcessors();
        double bound = cores * 1e6 / perPacket;
        out.printf("CPU µs/packet      agent %.2f + Redis %.2f (publish), indexer %.2f + Redis %.2f (index) = %.2f: "
                        + "%d cores allow at most %,.0f packets/s end to end; run 1 reached %,.0f (%.0f %% of it)%n",
                publish.jvmMicros(), publish.cpuMicros(), index.jvmMicros(), index.cpuMicros(), perPacket, cores,
                bound, rate(), 100 * rate() / bound);
    }

    private void printCost(PrintStream out) {
        out.println("-- run 2: Redis cost per packet; Redis emptied, then phase A and phase B one after the other --");
        for (PhaseCost phase : List.of(publish, index)) {
            out.printf("%-18s %.2f s (%,.0f packets/s), JVM CPU %.2f µs/packet, Redis main-thread CPU %.2f s; %s%n",
                    phase.what(), phase.seconds(), phase.packets() / phase.seconds(), phase.jvmMicros(),
                    phase.used().cpuSeconds(), phase.slow().headline());
        }
        printCpuBound(out);
        out.printf("redis µs/packet: publish %.2f, index %.2f  (main-thread CPU, request parsing and replies included; "
                + "target index ≤ %s on %s) %s%n", publish.cpuMicros(), index.cpuMicros(), targets.indexMicros(),
                targets.capture(), verdict(index.cpuMicros() <= targets.indexMicros()));
        out.printf("commandstats µs/packet: publish %.2f–%.2f, index %.2f–%.2f  (INFO commandstats, executing only; "
                + "target index ≤ %s) %s%n", publish.commandMicrosLow(), publish.commandMicrosHigh(),
                index.commandMicrosLow(), index.commandMicrosHigh(), targets.indexMicros(),
                verdict(index.commandMicrosHigh() <= targets.indexMicros()));
        out.println("  (a command a script runs is counted in the script's time and its own, in commandstats and in "
                + "SLOWLOG alike: the true figure lies between scripts-or-commands and their sum; both measure "
                + "wall-clock time, so on a busy machine they include waiting for a core, which CPU time does not)");
        for (PhaseCost phase : List.of(publish, index)) {
            out.printf("  %-16s scripts %.2f µs/packet, commands %.2f µs/packet; longest:%n", phase.what(),
                    phase.scriptMicros(), phase.otherMicros());
            for (CommandTime c : phase.used().top(TOP_COMMANDS)) {
                out.printf("    %-16s %,9d calls %8.3f s %8.2f µs/packet%n", c.name(), c.calls(), c.micros() / 1e6,
                        (double) c.micros() / phase.packets());
            }
        }
        if (!publish.used().mainThread()) {
            out.println("  (this Redis reports no main-thread CPU: process CPU shown, background threads included)");
        }
    }

    private void printMemory(PrintStream out) {
        long bytes = capture.capturedBytes();
        out.println("-- memory after run 2 (MEMORY USAGE … SAMPLES 0 of every key) --");
        out.printf("index keys         %,.1f MB in %,d keys = %.2f %% of captured bytes%n", memory.indexBytes() / 1e6,
                memory.indexKeys(), 100.0 * memory.indexBytes() / bytes);
        out.printf("change streams     %,.1f MB = %.2f %% of captured bytes%n", memory.changeBytes() / 1e6,
                100.0 * memory.changeBytes() / bytes);
        out.printf("indexing in all    %,.1f MB = %.2f %% of captured bytes (target ≤ %.1f %% on %s) %s%n",
                memory.totalBytes() / 1e6, 100 * memoryRatio(), 100 * targets.memoryRatio(), targets.capture(),
                verdict(memoryRatio() <= targets.memoryRatio()));
        StringBuilder kinds = new StringBuilder();
        memory.byKind().forEach((kind, b) -> kinds.append(String.format(" %s %.2f %%", kind, 100.0 * b / bytes)));
        out.println("  index by structure " + kinds.toString().trim());
        out.printf("  packet streams %,.1f MB (the captured data itself, for comparison)%n", memory.streamBytes() / 1e6);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Files.writeString(file, bytes.toString(StandardCharsets.UTF_8));
    }
}

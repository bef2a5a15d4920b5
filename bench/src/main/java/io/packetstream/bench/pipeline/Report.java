package io.packetstream.bench.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The figures of one pipeline benchmark run, printed as a table with the targets beside them.
 */
final class Report {

    /** Which targets apply: the generated capture's, or a real (small-frame LAN) capture's. */
    enum Kind {
        SYNTHETIC(0.025, 2.0), REAL(0.05, 1.0);

        final double memory;
        final double indexMicrosPerPacket;

        Kind(double memory, double indexMicrosPerPacket) {
            this.memory = memory;
            this.indexMicrosPerPacket = indexMicrosPerPacket;
        }
    }

    static final double TARGET_RATIO = 0.5;
    static final double TARGET_TSHARK_RATIO = 2;
    static final double TARGET_P99_MS = 20;
    static final double TARGET_SCAN_MS = 3000;
    static final double TARGET_LONGEST_MS = 2;

    private final BenchCapture capture;
    private final Kind kind;
    OptionalDouble xaddReference = OptionalDouble.empty();
    OptionalDouble tsharkSeconds = OptionalDouble.empty();
    double publishSeconds;
    double indexedSeconds;
    double indexAloneSeconds;
    double publishCpu;
    double indexCpu;
    String indexCommands = "";
    RedisStats.SlowCalls slowCalls;
    RedisStats.SlowCalls slowCallsAlone;
    IndexMemory memory;
    int batchEntries;
    int shards;
    String redisTime = "";
    List<QueryLatency.Figures> latencies = List.of();

    Report(BenchCapture capture, Kind kind) {
        this.capture = capture;
        this.kind = kind;
    }

    double indexMicros() {
        return 1e6 * indexCpu / capture.packets();
    }

    double longestMillis() {
        return Math.max(slowCalls.longestMicros(), slowCallsAlone.longestMicros()) / 1e3;
    }

    double rate() {
        return capture.packets() / indexedSeconds;
    }

    double memoryRatio() {
        return (double) (memory.indexBytes() + memory.changeBytes()) / capture.capturedBytes();
    }

    double tsharkRatio() {
        return capture.packets() / indexedSeconds / (capture.packets() / tsharkSeconds.getAsDouble());
    }

    boolean targetsMet() {
        boolean ok = kind == Kind.REAL || xaddReference.isEmpty() || rate() / xaddReference.getAsDouble() >= TARGET_RATIO;
        ok &= tsharkSeconds.isEmpty() || tsharkRatio() >= TARGET_TSHARK_RATIO;
        ok &= memoryRatio() <= kind.memory;
        ok &= indexMicros() <= kind.indexMicrosPerPacket;
        ok &= longestMillis() <= TARGET_LONGEST_MS;
        for (QueryLatency.Figures f : latencies) {
            ok &= f.question().startsWith("5") ? f.max() <= TARGET_SCAN_MS : f.p99() <= TARGET_P99_MS;
        }
        return ok;
    }

    void print(PrintStream out) {
        out.println();
        out.println("=== packetstream pipeline benchmark ===");
        out.printf("capture            %,d packets, %,.1f MB captured, mean frame %.0f B, mean record %d B, spans %.1f s%n",
                capture.packets(), capture.capturedBytes() / 1e6, capture.meanFrameBytes(), capture.meanRecordBytes(),
                (capture.lastNanos() - capture.firstNanos()) / 1e9);
        out.printf("agent published    %.2f s (%,.0f packets/s)%n", publishSeconds, capture.packets() / publishSeconds);
        out.printf("all indexed        %.2f s → end-to-end %,.0f packets/s (%d shard(s), indexer --batch-entries %d)%n",
                indexedSeconds, rate(), shards, batchEntries);
        out.println("redis time         " + redisTime);
        if (xaddReference.isPresent()) {
            double ref = xaddReference.getAsDouble();
            out.printf("redis-benchmark    %,.0f XADD/s of one %d-byte record (-c %d -P %d)%n", ref,
                    capture.meanRecordBytes(), ReferenceXadd.CLIENTS, ReferenceXadd.PIPELINE);
            out.printf("ratio              %.2f%s%n", rate() / ref, kind == Kind.SYNTHETIC
                    ? String.format(" (target ≥ %.1f) %s", TARGET_RATIO, verdict(rate() / ref >= TARGET_RATIO)) : "");
        } else {
            out.println("redis-benchmark    not installed: no ratio");
        }
        if (tsharkSeconds.isPresent()) {
            double t = tsharkSeconds.getAsDouble();
            out.printf("tshark conv,ip     %.2f s (%,.0f packets/s) → our end-to-end rate is %.2f × tshark's (target ≥ %.0f) %s%n",
                    t, capture.packets() / t, tsharkRatio(), TARGET_TSHARK_RATIO, verdict(tsharkRatio() >= TARGET_TSHARK_RATIO));
        }
        out.printf("redis µs/packet    publish %.2f, index %.2f (target ≤ %.1f) %s — main-thread CPU, one program at a time%n",
                1e6 * publishCpu / capture.packets(), indexMicros(), kind.indexMicrosPerPacket,
                verdict(indexMicros() <= kind.indexMicrosPerPacket));
        out.printf("indexing alone     %.2f s (%,.0f packets/s); its Redis commands: %s%n", indexAloneSeconds,
                capture.packets() / indexAloneSeconds, indexCommands);
        out.printf("calls over 1 ms    %,d end to end (longest %.2f ms: %s), %,d alone (longest %.2f ms: %s); target longest ≤ %.0f ms %s%n",
                slowCalls.count(), slowCalls.longestMicros() / 1e3, slowCalls.longest(), slowCallsAlone.count(),
                slowCallsAlone.longestMicros() / 1e3, slowCallsAlone.longest(), TARGET_LONGEST_MS,
                verdict(longestMillis() <= TARGET_LONGEST_MS));
        out.printf("index memory       %,.1f MB in %,d keys + change streams %,.1f MB = %.2f %% of captured bytes (target ≤ %.1f %%) %s; packet streams %,.1f MB%n",
                memory.indexBytes() / 1e6, memory.indexKeys(), memory.changeBytes() / 1e6, 100 * memoryRatio(),
                100 * kind.memory, verdict(memoryRatio() <= kind.memory), memory.streamBytes() / 1e6);
        StringBuilder kinds = new StringBuilder();
        memory.byKind().forEach((structure, bytes) -> kinds.append(String.format(" %s %.2f %%", structure,
                100.0 * bytes / capture.capturedBytes())));
        out.println("  by structure    " + kinds.toString().trim() + String.format(" changes %.2f %%",
                100.0 * memory.changeBytes() / capture.capturedBytes()));
        out.println("question                        requests   p50 ms   p99 ms   max ms   results/request");
        for (QueryLatency.Figures f : latencies) {
            boolean scan = f.question().startsWith("5");
            out.printf("%-30s %9d %8.1f %8.1f %8.1f %10d   %s%n", f.question(), f.requests(), f.p50(), f.p99(), f.max(),
                    f.results(), scan ? "target max ≤ 3000 ms " + verdict(f.max() <= TARGET_SCAN_MS)
                            : "target p99 ≤ 20 ms " + verdict(f.p99() <= TARGET_P99_MS));
        }
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

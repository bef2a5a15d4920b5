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

    static final double TARGET_RATIO = 0.5;
    static final double TARGET_MEMORY = 0.025;
    static final double TARGET_P99_MS = 20;
    static final double TARGET_SCAN_MS = 3000;

    private final BenchCapture capture;
    OptionalDouble xaddReference = OptionalDouble.empty();
    double publishSeconds;
    double indexedSeconds;
    IndexMemory memory;
    int batchEntries;
    int shards;
    java.util.Map<String, String> redisTime = java.util.Map.of();
    List<QueryLatency.Figures> latencies = List.of();

    Report(BenchCapture capture) {
        this.capture = capture;
    }

    double rate() {
        return capture.packets() / indexedSeconds;
    }

    double memoryRatio() {
        return (double) memory.indexBytes() / capture.capturedBytes();
    }

    boolean targetsMet() {
        boolean ok = xaddReference.isEmpty() || rate() / xaddReference.getAsDouble() >= TARGET_RATIO;
        ok &= memoryRatio() <= TARGET_MEMORY;
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
            out.printf("ratio              %.2f (target ≥ %.1f) %s%n", rate() / ref, TARGET_RATIO,
                    verdict(rate() / ref >= TARGET_RATIO));
        } else {
            out.println("redis-benchmark    not installed: no ratio");
        }
        out.printf("index memory       %,.1f MB in %,d keys = %.2f %% of captured bytes (target ≤ %.1f %%) %s; streams %,.1f MB%n",
                memory.indexBytes() / 1e6, memory.indexKeys(), 100 * memoryRatio(), 100 * TARGET_MEMORY,
                verdict(memoryRatio() <= TARGET_MEMORY), memory.streamBytes() / 1e6);
        StringBuilder kinds = new StringBuilder();
        memory.byKind().forEach((kind, bytes) -> kinds.append(String.format(" %s %.2f %%", kind,
                100.0 * bytes / capture.capturedBytes())));
        out.println("  by structure    " + kinds.toString().trim());
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

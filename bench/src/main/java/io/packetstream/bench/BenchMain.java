package io.packetstream.bench;

import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.bench.cluster.ClusterBenchmark;
import io.packetstream.bench.live.LiveLatencyBenchmark;
import io.packetstream.bench.pipeline.PipelineBenchmark;
import io.packetstream.bench.traffic.LanCapture;
import io.packetstream.core.cli.DurationConverter;
import io.packetstream.core.cli.VersionProvider;
import io.packetstream.indexer.IndexerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the benchmarks. Every number is printed beside a reference measured in the same invocation on the same
 * machine, never against a remembered figure.
 */
@Command(name = "packetstream-bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {BenchMain.Pipeline.class, BenchMain.Cluster.class, BenchMain.Live.class, BenchMain.LanCaptureFile.class, BenchMain.Jmh.class},
        description = "Benchmarks: 'pipeline' (ingest, Redis cost, memory, query latency), 'cluster' (scale-out on a "
                + "3-master Redis Cluster), 'live' (subscription "
                + "latency), 'lan-capture' (writes the LAN capture to replay with 'pipeline --file') and 'jmh' "
                + "(micro-benchmarks).")
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args.length == 0 ? new String[]{"pipeline"} : args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** The batch size of the indexers a benchmark starts, the same option in every benchmark that starts any. */
    static final class IndexerBatch {
        @Option(names = "--indexer-batch-entries", defaultValue = "" + IndexerOptions.DEFAULT_BATCH_ENTRIES, description = "The indexers' --batch-entries (default ${DEFAULT-VALUE})")
        int entries;
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Replays a generated capture (or --file) through agent → Redis → indexer and measures ingest "
                    + "against redis-benchmark's XADD rate and tshark, Redis CPU per packet of publishing and of indexing, "
                    + "calls over 1 ms, index and change-stream memory against captured bytes, and query latencies.")
    static final class Pipeline implements Callable<Integer> {

        @Option(names = "--packets", defaultValue = "1000000", description = "Packets in the generated capture (default ${DEFAULT-VALUE})")
        long packets;

        @Option(names = "--file", paramLabel = "CAPTURE", description = "Replay this pcap/pcapng file instead of generated "
                + "traffic (targets of the LAN capture; see 'lan-capture'); --packets and --rate are then ignored")
        Path file;

        @Option(names = "--rate", defaultValue = "20000", description = "Capture-time packets per second of the generated traffic (default ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--work-dir", defaultValue = "bench-results", description = "Where the capture is cached and the report written (default ${DEFAULT-VALUE})")
        Path workDir;

        @Option(names = "--queries", defaultValue = "200", description = "Requests per question for the latency figures (default ${DEFAULT-VALUE})")
        int queries;

        @Option(names = "--shards", defaultValue = "" + PublishOptions.DEFAULT_SHARDS, description = "Stream shards the agent publishes to (default ${DEFAULT-VALUE})")
        int shards;

        @Mixin
        IndexerBatch indexer;

        @Override
        public Integer call() throws Exception {
            return new PipelineBenchmark(packets, rate, java.util.Optional.ofNullable(file), workDir, queries, indexer.entries,
                    shards).run(System.out) ? 0 : 1;
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true,
            description = "Starts a Redis Cluster of 3 masters on free ports and replays the generated capture through "
                    + "agent → cluster → indexers with 1 shard and 1 indexer, 3 shards and 1 indexer, 3 shards and 2 "
                    + "indexers: end-to-end packets/s, Redis CPU per packet per master, calls over 1 ms, what bounded "
                    + "each, and a larger deployment predicted from the per-node figures.")
    static final class Cluster implements Callable<Integer> {

        @Option(names = "--packets", defaultValue = "" + ClusterBenchmark.DEFAULT_PACKETS, description = "Packets in the generated capture (default ${DEFAULT-VALUE})")
        long packets;

        @Option(names = "--rate", defaultValue = "20000", description = "Capture-time packets per second of the generated traffic (default ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--replicas", defaultValue = "" + ClusterBenchmark.DEFAULT_REPLICAS, description = "Replicas per master; with any, the agent WAITs for one after each publish (default ${DEFAULT-VALUE})")
        int replicas;

        @Option(names = "--replica-wait", converter = DurationConverter.class, description = "The agent's --replica-wait; 0s turns WAIT off (default: the agent's, ${DEFAULT-VALUE})")
        Duration replicaWait = PublishOptions.DEFAULT_REPLICA_WAIT;

        @Mixin
        IndexerBatch indexer;

        @Option(names = "--keep-slots", description = "Measure the shards where their hash tags put them in a new cluster "
                + "with even slot ranges (shards 1 and 2 on one master, none on the first) instead of one per master")
        boolean keepSlots;

        @Option(names = "--work-dir", defaultValue = "bench-results", description = "Where the capture is cached and the report written (default ${DEFAULT-VALUE})")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            return new ClusterBenchmark(packets, rate, workDir, replicas, replicaWait, indexer.entries, !keepSlots)
                    .run(System.out) ? 0 : 1;
        }
    }

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = "Replays traffic at a fixed rate with a live question-5 subscription open and measures the "
                    + "time from each matching packet's XADD to the client receiving it, beside a bare XADD → XREAD.")
    static final class Live implements Callable<Integer> {

        @Option(names = "--rate", defaultValue = "50000", description = "Packets per second replayed (default ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--seconds", defaultValue = "20", description = "Length of the replay (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--work-dir", defaultValue = "bench-results", description = "Where the capture is written (default ${DEFAULT-VALUE})")
        Path workDir;

        @Mixin
        IndexerBatch indexer;

        @Override
        public Integer call() throws Exception {
            return new LiveLatencyBenchmark(rate, seconds, workDir, indexer.entries).run(System.out) ? 0 : 1;
        }
    }

    @Command(name = "lan-capture", mixinStandardHelpOptions = true,
            description = "Writes the LAN capture of the issue's targets: test-support's real small-frame recordings "
                    + "(ethernet.pcap, vlan.pcap) played over and over, time moving forward, as a classic pcap.")
    static final class LanCaptureFile implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The pcap file to write (replaced)")
        Path out;

        @Option(names = "--packets", defaultValue = "" + LanCapture.DEFAULT_PACKETS, description = "Packets to write (default ${DEFAULT-VALUE})")
        long packets;

        @Option(names = "--rate", defaultValue = "" + LanCapture.DEFAULT_RATE, description = "Average capture-time packets per "
                + "second; the recordings' bursts and pauses keep their shape; 0 = the recorded pace (default ${DEFAULT-VALUE})")
        int rate;

        @Override
        public Integer call() {
            LanCapture.Summary s = LanCapture.write(out, packets, rate);
            System.out.printf("wrote %s: %,d packets, %,.1f MB captured (mean frame %.0f B), %,.1f MB file, spans %.1f s%n",
                    s.file(), s.packets(), s.capturedBytes() / 1e6, (double) s.capturedBytes() / s.packets(),
                    s.file().toFile().length() / 1e6, (s.lastNanos() - s.firstNanos()) / 1e9);
            return 0;
        }
    }

    @Command(name = "jmh", description = "JMH micro-benchmarks (our pcap reader against pcap4j's libpcap reader); "
            + "arguments go to JMH, e.g. 'jmh -f 1 -wi 2 -i 3'.")
    static final class Jmh implements Callable<Integer> {

        @Unmatched
        List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        }
    }
}

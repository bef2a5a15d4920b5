package io.packetstream.bench.cluster;

import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.bench.pipeline.BenchAgent;
import io.packetstream.bench.pipeline.BenchCapture;
import io.packetstream.bench.pipeline.CpuReading;
import io.packetstream.bench.pipeline.PhaseCost;
import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.bench.redis.SlowLogSummary;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The scale-out benchmark: a private Redis Cluster of {@value #MASTERS} masters, the synthetic capture replayed
 * through agent → cluster → indexers in each {@link Configuration#STANDARD} layout, with the cluster emptied and its
 * statistics reset between them. Per layout: the end-to-end run (agent and indexers together), then, as
 * {@code bench pipeline} does, the agent publishing alone and the indexers indexing alone, which separate the two
 * costs per master. The report ends with what bounded each layout and a larger deployment predicted from the
 * per-node figures.
 */
public final class ClusterBenchmark {

    public static final int MASTERS = 3;
    public static final long DEFAULT_PACKETS = 300_000;
    public static final int DEFAULT_REPLICAS = 1;
    private static final KeySchema KEYS = new KeySchema("bench");

    private final long packets;
    private final int rate;
    private final Path workDir;
    private final int replicas;
    private final Duration replicaWait;
    private final int batchEntries;
    private final boolean spreadShards;

    /**
     * @param replicas     replicas per master (0 or more); with any, the agent waits for one per publish
     * @param replicaWait  the agent's {@code --replica-wait}; zero turns the wait off
     * @param spreadShards move shard k's slot to master k mod masters before measuring; false keeps where the slot
     *                     layout of a new cluster puts them
     */
    public ClusterBenchmark(long packets, int rate, Path workDir, int replicas, Duration replicaWait, int batchEntries,
                            boolean spreadShards) {
        if (packets < 1 || rate < 1 || replicas < 0 || batchEntries < 1) {
            throw new IllegalArgumentException("packets, rate and batch entries must be positive, replicas not negative");
        }
        this.packets = packets;
        this.rate = rate;
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.replicaWait = Objects.requireNonNull(replicaWait, "replicaWait");
        this.replicas = replicas;
        this.batchEntries = batchEntries;
        this.spreadShards = spreadShards;
    }

    /** @return true when every configuration indexed every packet */
    public boolean run(PrintStream out) throws Exception {
        return measure(out).stream().allMatch(ConfigResult::allIndexed);
    }

    /** Runs every configuration, prints the report and writes it to the work directory. */
    List<ConfigResult> measure(PrintStream out) throws Exception {
        BenchCapture capture = BenchCapture.generate(workDir, packets, rate, out);
        List<ConfigResult> results = new ArrayList<>();
        List<Integer> hashed;
        List<Integer> placed;
        try (BenchCluster cluster = BenchCluster.start(MASTERS, replicas, out)) {
            out.printf("private Redis Cluster: %d masters %s, %d replica(s) each%n", MASTERS, cluster.masterNames(),
                    replicas);
            int shards = Configuration.STANDARD.stream().mapToInt(Configuration::shards).max().orElseThrow();
            hashed = cluster.shardOwners(KEYS, shards);
            if (spreadShards) {
                cluster.spreadShards(KEYS, shards);
            }
            placed = cluster.shardOwners(KEYS, shards);
            Configuration last = Configuration.STANDARD.get(Configuration.STANDARD.size() - 1);
            out.println("warm-up: " + last.describe() + ", end to end, not reported (the JIT compiles the agent's "
                    + "and the indexers' code, which the first configuration would otherwise pay for) …");
            endToEnd(last, capture, cluster);
            for (Configuration config : Configuration.STANDARD) {
                out.println(config.describe() + " …");
                results.add(measure(config, capture, cluster));
            }
        }
        ClusterReport report = new ClusterReport(capture, new ClusterReport.Setup(replicas, replicaWait, batchEntries,
                hashed, placed), results);
        report.print(out);
        report.write(workDir.resolve("cluster-report.txt"));
        return results;
    }

    /** The end-to-end run's figures, before the runs apart add theirs. */
    private record EndToEnd(List<PhaseCost> costs, long indexed, double published, double seconds, CpuReading cpu,
                            double replicaCpu) {
    }

    private ConfigResult measure(Configuration config, BenchCapture capture, BenchCluster cluster)
            throws InterruptedException {
        RedisOptions options = cluster.options();
        EndToEnd run = endToEnd(config, capture, cluster);
        cluster.empty();
        Snapshot beforePublish = Snapshot.of(cluster);
        publish(capture.file(), options, config);
        List<PhaseCost> publishing = beforePublish.costs("publish alone", capture.packets(), cluster);
        cluster.startSlowLogs();
        Snapshot beforeIndex = Snapshot.of(cluster);
        long indexedAlone;
        try (BenchIndexers indexers = new BenchIndexers(config, options, KEYS, batchEntries)) {
            indexers.awaitIdle();
            indexedAlone = indexers.indexed();
        }
        List<PhaseCost> indexing = beforeIndex.costs("index alone", capture.packets(), cluster);
        List<NodeCost> nodes = new ArrayList<>();
        for (int i = 0; i < run.costs().size(); i++) {
            nodes.add(new NodeCost(cluster.masterNames().get(i), run.costs().get(i), publishing.get(i),
                    indexing.get(i)));
        }
        return new ConfigResult(config, capture.packets(), run.indexed(), run.published(), run.seconds(), run.cpu(),
                indexedAlone, nodes, run.replicaCpu());
    }

    /** Agent and indexers together on an emptied cluster, the indexers settled on their shards before the agent starts. */
    private EndToEnd endToEnd(Configuration config, BenchCapture capture, BenchCluster cluster)
            throws InterruptedException {
        RedisOptions options = cluster.options();
        cluster.empty();
        try (BenchIndexers indexers = new BenchIndexers(config, options, KEYS, batchEntries)) {
            indexers.awaitBalanced(options, config);
            cluster.resetStats(); // the leases taken meanwhile are not the run's cost
            Snapshot before = Snapshot.of(cluster);
            publish(capture.file(), options, config);
            double published = before.seconds();
            indexers.awaitIdle();
            double seconds = before.seconds();
            CpuReading cpu = CpuReading.now().minus(before.cpu);
            double replicaCpu = cluster.replicaCpuSeconds() - before.replicaCpu;
            return new EndToEnd(before.costs("together", capture.packets(), cluster), indexers.indexed(), published,
                    seconds, cpu, replicaCpu);
        }
    }

    private void publish(Path file, RedisOptions options, Configuration config) throws InterruptedException {
        BenchAgent.publish(file, options, KEYS, PublishOptions.builder("bench").shards(config.shards())
                .replicaWait(replicaWait).build());
    }

    /** What the cluster and this JVM had spent when a part of the run started. */
    private record Snapshot(long startNanos, List<RedisUsage> masters, CpuReading cpu, double replicaCpu) {

        static Snapshot of(BenchCluster cluster) {
            return new Snapshot(System.nanoTime(), cluster.masterUsage(), CpuReading.now(), cluster.replicaCpuSeconds());
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        /** @return each master's cost since this snapshot, with its slow calls */
        List<PhaseCost> costs(String what, long packets, BenchCluster cluster) {
            double seconds = seconds();
            double jvm = CpuReading.now().minus(cpu).jvmSeconds();
            List<RedisUsage> after = cluster.masterUsage();
            List<SlowLogSummary> slow = cluster.masterSlowLogs();
            List<PhaseCost> costs = new ArrayList<>();
            for (int i = 0; i < after.size(); i++) {
                costs.add(new PhaseCost(what, packets, seconds, after.get(i).minus(masters.get(i)), slow.get(i), jvm));
            }
            return costs;
        }
    }
}

package io.packetstream.bench.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.bench.redis.RedisObserver;
import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.Indexer;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The full-pipeline benchmark, on a private Redis, in one invocation:
 * <ol>
 *     <li>references: tshark answering one question over the same file, redis-benchmark XADDing records of the
 *     capture's mean size;</li>
 *     <li>throughput: agent and indexer together, the capture replayed as fast as possible (the figure users see);</li>
 *     <li>cost: after emptying Redis, the agent publishes the whole capture alone (phase A), then the indexer indexes
 *     it alone (phase B); Redis's CPU and command time around each phase separate publishing from indexing, which
 *     a concurrent run cannot;</li>
 *     <li>memory of index keys and change streams against captured bytes, then each question's latency.</li>
 * </ol>
 * SLOWLOG records calls over 1 ms during every part.
 */
public final class PipelineBenchmark {

    /** Redis settings of deploy/redis/redis.conf that shape memory and speed (persistence off: nothing to fsync). */
    public static final List<String> REDIS_SETTINGS = List.of("--maxmemory", "16gb", "--maxmemory-policy", "noeviction",
            "--hash-max-ziplist-entries", "512", "--zset-max-ziplist-entries", "512", "--set-max-intset-entries", "512");
    private static final Duration CATCH_UP = Duration.ofMinutes(30);

    private final long packets;
    private final int rate;
    private final Optional<Path> file;
    private final Path workDir;
    private final int queries;
    private final int batchEntries;
    private final int shards;

    /**
     * @param file a real capture to replay; empty to generate {@code packets} of synthetic traffic at {@code rate}
     */
    public PipelineBenchmark(long packets, int rate, Optional<Path> file, Path workDir, int queries, int batchEntries,
                             int shards) {
        if (packets < 1 || rate < 1 || queries < 1 || batchEntries < 1 || shards < 1) {
            throw new IllegalArgumentException("packets, rate, queries, batch entries and shards must be positive");
        }
        this.packets = packets;
        this.rate = rate;
        this.file = Objects.requireNonNull(file, "file");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.queries = queries;
        this.batchEntries = batchEntries;
        this.shards = shards;
    }

    /** @return true when every target was met */
    public boolean run(PrintStream out) throws Exception {
        BenchCapture capture = file.isPresent() ? BenchCapture.scan(file.get(), out)
                : BenchCapture.generate(workDir, packets, rate, out);
        Report report = new Report(capture, shards, batchEntries);
        report.tsharkSeconds = TsharkReference.measure(capture.file(), out);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), REDIS_SETTINGS)) {
            out.println("private Redis on port " + redis.port());
            RedisOptions options = RedisOptions.of(redis.uri()).withCommandTimeout(Duration.ofSeconds(30));
            KeySchema keys = new KeySchema("bench");
            IndexerOptions indexing = IndexerOptions.builder().batchEntries(batchEntries).build();
            try (RedisObserver observer = RedisObserver.connect(options)) {
                observer.prioritize(out);
                warmUp(capture, options, indexing, observer, out);
                // after the warm-up, like run 1: the same priority, and memory Redis has used and freed before
                report.xaddReference = ReferenceXadd.measure(redis.port(), capture.meanRecordBytes(), out);
                out.println("run 1: agent and indexer together …");
                publish(BenchCapture.empty(workDir), options, keys); // the shard count, before the indexer reads it
                observer.startSlowLog();
                report.together = together(capture, options, keys, indexing);
                report.togetherSlow = observer.slowLog();
                observer.flushAll();

                out.println("run 2, phase A: the agent publishes alone …");
                report.publish = phase("publish alone", capture.packets(), observer, () -> publish(capture.file(), options, keys));
                out.println("run 2, phase B: the indexer indexes what is in the streams …");
                report.index = phase("index alone", capture.packets(), observer, () -> {
                    try (Indexer indexer = Indexer.start(indexing, options, keys, new SimpleMeterRegistry())) {
                        awaitIdle(indexer);
                    }
                });
                report.memory = IndexMemory.measure(options, keys);
                observer.startSlowLog();
                try (QueryService query = QueryService.start(QueryOptions.defaults().withPort(0), options, keys,
                        new SimpleMeterRegistry())) {
                    report.queries = new QueryLatency(query.uri(), capture, queries).measure(out);
                }
                report.queriesSlow = observer.slowLog();
            }
        }
        report.print(out);
        report.write(workDir.resolve("pipeline-report.txt"));
        return report.targetsMet();
    }

    /**
     * Replays the capture itself through agent and indexer in a namespace of their own, then empties Redis, so that
     * run 1 measures what a long-running deployment does: a cold JVM spends a good part of a core compiling the
     * agent's and indexer's code during its first seconds, and Redis first touches the memory it then reuses. A
     * warm-up of 200,000 generated packets left the compiler at 22-35 % of a core through run 1 (`top -H`), and at
     * 22-87 % for a capture file, whose protocols generated traffic lacks.
     */
    private void warmUp(BenchCapture capture, RedisOptions options, IndexerOptions indexing, RedisObserver observer,
                        PrintStream out) throws Exception {
        KeySchema keys = new KeySchema("warmup");
        publish(BenchCapture.empty(workDir), options, keys);
        together(capture, options, keys, indexing);
        observer.flushAll();
        out.printf("warm-up: the capture's %,d packets through agent and indexer (not reported), Redis emptied%n",
                capture.packets());
    }

    /** Seconds from the start of a replay until the agent had published everything, and until all was indexed. */
    record Throughput(double publishedSeconds, double indexedSeconds) {
    }

    private Throughput together(BenchCapture capture, RedisOptions options, KeySchema keys, IndexerOptions indexing)
            throws InterruptedException {
        try (Indexer indexer = Indexer.start(indexing, options, keys, new SimpleMeterRegistry())) {
            long start = System.nanoTime();
            publish(capture.file(), options, keys);
            double published = (System.nanoTime() - start) / 1e9;
            awaitIdle(indexer);
            return new Throughput(published, (System.nanoTime() - start) / 1e9);
        }
    }

    private PhaseCost phase(String what, long packets, RedisObserver observer, Step step) throws InterruptedException {
        observer.startSlowLog();
        RedisUsage before = observer.usage();
        CpuReading cpuBefore = CpuReading.now();
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = CpuReading.now().minus(cpuBefore).jvmSeconds();
        RedisUsage used = observer.usage().minus(before);
        return new PhaseCost(what, packets, seconds, used, observer.slowLog(), cpu);
    }

    /** One part of the run whose Redis cost is measured. */
    @FunctionalInterface
    private interface Step {
        void run() throws InterruptedException;
    }

    private void publish(Path capture, RedisOptions options, KeySchema keys) throws InterruptedException {
        BenchAgent.publish(capture, options, keys, PublishOptions.builder("bench").shards(shards).build());
    }

    private static void awaitIdle(Indexer indexer) {
        if (!indexer.awaitIdle(CATCH_UP)) {
            throw new IllegalStateException("the indexer did not catch up within " + CATCH_UP);
        }
    }
}

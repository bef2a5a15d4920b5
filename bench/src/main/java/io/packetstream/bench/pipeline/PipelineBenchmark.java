package io.packetstream.bench.pipeline;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.AgentOptions;
import io.packetstream.agent.CaptureAgent;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnections;
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

/**
 * The full-pipeline benchmark: on a private Redis, a generated (or given) capture is replayed as fast as possible
 * through the agent into the streams and indexed; the rate is compared with redis-benchmark's XADD rate for records of
 * the same mean size (and, for a real capture, with tshark answering one question over the same file), then the
 * agent and the indexer run again one at a time to split Redis's CPU between publishing and indexing; the slow log
 * counts every call over a millisecond; the index keys' and change streams' memory is set against the captured bytes,
 * and each question's latency is measured on the loaded data.
 */
public final class PipelineBenchmark {

    /** Redis settings of deploy/redis/redis.conf that shape memory and speed (persistence off: nothing to fsync). */
    static final List<String> REDIS_SETTINGS = List.of("--maxmemory", "16gb", "--maxmemory-policy", "noeviction",
            "--hash-max-ziplist-entries", "512", "--zset-max-ziplist-entries", "512", "--set-max-intset-entries", "512");

    private final long packets;
    private final int rate;
    private final Path workDir;
    private final int queries;
    private final int batchEntries;
    private final int shards;
    private final Path file;

    /** @param file a real capture to replay instead of generated traffic; null for generated */
    public PipelineBenchmark(long packets, int rate, Path workDir, int queries, int batchEntries, int shards,
                             Path file) {
        if (packets < 1 || rate < 1 || queries < 1) {
            throw new IllegalArgumentException("packets, rate and queries must be positive");
        }
        this.packets = packets;
        this.rate = rate;
        this.workDir = workDir;
        this.queries = queries;
        this.batchEntries = batchEntries;
        this.shards = shards;
        this.file = file;
    }

    /** @return true when every target was met */
    public boolean run(PrintStream out) throws Exception {
        BenchCapture capture = file == null ? BenchCapture.generate(workDir, packets, rate, out)
                : BenchCapture.read(file, out);
        Report report = new Report(capture, file == null ? Report.Kind.SYNTHETIC : Report.Kind.REAL);
        if (file != null) {
            report.tsharkSeconds = TsharkReference.seconds(file, out);
        }
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), REDIS_SETTINGS);
             RedisConnections connections = new RedisConnections(RedisOptions.of(redis.uri()));
             StatefulRedisConnection<String, byte[]> admin = connections.connect()) {
            out.println("private Redis on port " + redis.port());
            report.xaddReference = ReferenceXadd.measure(redis.port(), capture.meanRecordBytes(), out);
            RedisOptions options = RedisOptions.of(redis.uri()).withCommandTimeout(Duration.ofSeconds(30));
            KeySchema keys = new KeySchema("bench");

            // 1. end to end: agent and indexer together, as fast as they go
            RedisStats.SlowCalls.start(admin.sync());
            RedisStats before = RedisStats.take(admin.sync());
            registerShards(options, keys);
            try (Indexer indexer = Indexer.start(indexing(), options, keys, new SimpleMeterRegistry())) {
                long start = System.nanoTime();
                publish(capture, options, keys);
                report.publishSeconds = (System.nanoTime() - start) / 1e9;
                awaitIdle(indexer);
                report.indexedSeconds = (System.nanoTime() - start) / 1e9;
            }
            report.slowCalls = RedisStats.SlowCalls.read(admin.sync());
            report.redisTime = RedisStats.take(admin.sync()).topSince(before, 6);

            // 2. where Redis's time goes, one program at a time, in a namespace of its own: the agent publishing
            // alone, then the indexer indexing alone
            KeySchema cost = new KeySchema("cost");
            registerShards(options, cost);
            RedisStats start = RedisStats.take(admin.sync());
            publish(capture, options, cost);
            RedisStats published = RedisStats.take(admin.sync());
            long indexStart = System.nanoTime();
            try (Indexer indexer = Indexer.start(indexing(), options, cost, new SimpleMeterRegistry())) {
                awaitIdle(indexer);
            }
            report.indexAloneSeconds = (System.nanoTime() - indexStart) / 1e9;
            RedisStats indexed = RedisStats.take(admin.sync());
            report.publishCpu = published.cpuSince(start);
            report.indexCpu = indexed.cpuSince(published);
            report.indexCommands = indexed.topSince(published, 6);
            report.slowCallsAlone = RedisStats.SlowCalls.read(admin.sync());

            report.batchEntries = batchEntries;
            report.shards = shards;
            report.memory = IndexMemory.measure(options, keys);
            try (QueryService query = QueryService.start(QueryOptions.defaults().withPort(0), options, keys,
                    new SimpleMeterRegistry())) {
                report.latencies = new QueryLatency(query.uri(), capture, queries).measure(out);
            }
        }
        report.print(out);
        report.write(workDir.resolve("pipeline-report.txt"));
        return report.targetsMet();
    }

    private IndexerOptions indexing() {
        return IndexerOptions.builder().batchEntries(batchEntries).build();
    }

    /** The agent records the shard count before the indexer reads it. */
    private void registerShards(RedisOptions options, KeySchema keys) throws Exception {
        new CaptureAgent(AgentOptions.forFiles(List.of(BenchCapture.empty(workDir)), options, keys,
                PublishOptions.builder("bench").shards(shards).build()), new SimpleMeterRegistry()).run();
    }

    private void publish(BenchCapture capture, RedisOptions options, KeySchema keys) throws InterruptedException {
        CaptureAgent.AgentResult result = new CaptureAgent(AgentOptions.forFiles(List.of(capture.file()), options,
                keys, PublishOptions.builder("bench").shards(shards).build()), new SimpleMeterRegistry()).run();
        if (!result.ok() || result.counts().published() != capture.packets()) {
            throw new IllegalStateException("agent published " + result.counts().published() + " of "
                    + capture.packets() + ": " + result.errors());
        }
    }

    private static void awaitIdle(Indexer indexer) {
        if (!indexer.awaitIdle(Duration.ofMinutes(30))) {
            throw new IllegalStateException("the indexer did not catch up within 30 minutes");
        }
    }
}

package io.packetstream.bench.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.AgentOptions;
import io.packetstream.agent.CaptureAgent;
import io.packetstream.agent.publish.PublishOptions;
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

/**
 * The full-pipeline benchmark: on a private Redis, a generated capture is replayed as fast as possible through the
 * agent into the streams and indexed; the rate is compared with redis-benchmark's XADD rate for records of the
 * same mean size, the index keys' memory with the captured bytes, and each question's latency is measured on the
 * loaded data.
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

    public PipelineBenchmark(long packets, int rate, Path workDir, int queries, int batchEntries, int shards) {
        if (packets < 1 || rate < 1 || queries < 1) {
            throw new IllegalArgumentException("packets, rate and queries must be positive");
        }
        this.packets = packets;
        this.rate = rate;
        this.workDir = workDir;
        this.queries = queries;
        this.batchEntries = batchEntries;
        this.shards = shards;
    }

    /** @return true when every target was met */
    public boolean run(PrintStream out) throws Exception {
        BenchCapture capture = BenchCapture.generate(workDir, packets, rate, out);
        Report report = new Report(capture);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), REDIS_SETTINGS)) {
            out.println("private Redis on port " + redis.port());
            report.xaddReference = ReferenceXadd.measure(redis.port(), capture.meanRecordBytes(), out);
            RedisOptions options = RedisOptions.of(redis.uri()).withCommandTimeout(Duration.ofSeconds(30));
            KeySchema keys = new KeySchema("bench");
            RedisCommandTime.reset(options);
            IndexerOptions indexing = IndexerOptions.builder().batchEntries(batchEntries).build();
            // the agent records the shard count before the indexer reads it
            new CaptureAgent(AgentOptions.forFiles(List.of(BenchCapture.empty(workDir)), options, keys,
                    PublishOptions.builder("bench").shards(shards).build()), new SimpleMeterRegistry()).run();
            try (Indexer indexer = Indexer.start(indexing, options, keys, new SimpleMeterRegistry())) {
                long start = System.nanoTime();
                CaptureAgent.AgentResult result = new CaptureAgent(AgentOptions.forFiles(List.of(capture.file()), options,
                        keys, PublishOptions.builder("bench").shards(shards).build()), new SimpleMeterRegistry()).run();
                report.publishSeconds = (System.nanoTime() - start) / 1e9;
                if (!result.ok() || result.counts().published() != capture.packets()) {
                    throw new IllegalStateException("agent published " + result.counts().published() + " of "
                            + capture.packets() + ": " + result.errors());
                }
                if (!indexer.awaitIdle(Duration.ofMinutes(30))) {
                    throw new IllegalStateException("the indexer did not catch up within 30 minutes");
                }
                report.indexedSeconds = (System.nanoTime() - start) / 1e9;
            }
            report.batchEntries = batchEntries;
            report.shards = shards;
            report.redisTime = RedisCommandTime.top(options);
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
}

package io.packetstream.bench.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.bench.pipeline.BenchAgent;
import io.packetstream.bench.jvm.GcPauses;
import io.packetstream.bench.jvm.JitCompiler;
import io.packetstream.bench.pipeline.CpuReading;
import io.packetstream.bench.redis.RedisObserver;
import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.bench.traffic.SyntheticTraffic;
import io.packetstream.core.decode.LinkType;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.Indexer;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Live-subscription latency: traffic replayed at a fixed rate (its recorded pace) through agent and indexer while a
 * client holds a standing question-5 subscription over SSE. Each matching packet's latency runs from its XADD by
 * the agent (the millisecond of its stream entry id, Redis's clock) to the client reading the event (this machine's
 * clock, the same one). The floor is a bare XADD → XREAD BLOCK on the same Redis during the same run.
 */
public final class LiveLatencyBenchmark {

    static final double TARGET_P99_MS = 50;
    private static final String SENSOR = "live";
    private static final String WARM_UP_SENSOR = "warm-up";

    private final int rate;
    private final int seconds;
    private final Path workDir;
    private final int batchEntries;

    /** @param batchEntries the indexer's --batch-entries */
    public LiveLatencyBenchmark(int rate, int seconds, Path workDir, int batchEntries) {
        if (rate < 1 || seconds < 1 || batchEntries < 1) {
            throw new IllegalArgumentException("rate, seconds and batch entries must be positive");
        }
        this.rate = rate;
        this.seconds = seconds;
        this.workDir = workDir;
        this.batchEntries = batchEntries;
    }

    /** @return true when the p99 target was met */
    public boolean run(PrintStream out) throws Exception {
        Files.createDirectories(workDir);
        long packets = (long) rate * seconds;
        Path capture = generate("live-" + rate + "-" + seconds + ".pcap", packets);
        out.printf("replaying %,d packets at %,d packets/s (%d s) with a live question-5 subscription (indexer "
                + "--batch-entries %d)%n", packets, rate, seconds, batchEntries);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of())) {
            RedisOptions options = RedisOptions.of(redis.uri()).withCommandTimeout(Duration.ofSeconds(30));
            KeySchema keys = new KeySchema("live");
            SimpleMeterRegistry queryMeters = new SimpleMeterRegistry();
            try (RedisObserver observer = RedisObserver.connect(options);
                 Indexer indexer = Indexer.start(IndexerOptions.builder().shards(1).batchEntries(batchEntries).build(), options, keys, new SimpleMeterRegistry());
                 QueryService query = QueryService.start(QueryOptions.defaults().withPort(0), options, keys,
                         queryMeters)) {
                // each subscription asks for its own sensor's packets: the measured one's first answer is empty
                // instead of a scan of the warm-up's packets running into the measured replay
                String subscription = query.uri() + "api/v1/packets/containing?hex=35AFF8&sensor=";
                warmUp(capture, subscription + WARM_UP_SENSOR, options, keys, indexer, out);
                awaitNoSubscribers(queryMeters);
                return measure(capture, subscription + SENSOR, options, keys, indexer, redis, observer, out);
            }
        }
    }

    /**
     * Replays the same capture at the same rate first, as sensor {@value #WARM_UP_SENSOR}, with a subscription open,
     * waits until it is indexed, then until the JIT compiler is quiet ({@link JitCompiler}): a cold JVM compiles the
     * agent's, indexer's and query service's code during its first half minute of a paced replay (the C2 thread at
     * 0.03-0.12 of a core after 16 s; a warm-up replayed as fast as possible, even of a million packets, left it at
     * 0.28-0.35 through the measured replay).
     */
    private static void warmUp(Path capture, String subscription, RedisOptions options, KeySchema keys, Indexer indexer,
                               PrintStream out) throws Exception {
        try (SseLatencyClient ignored = SseLatencyClient.subscribe(subscription)) {
            replay(capture, options, keys, WARM_UP_SENSOR);
            indexer.awaitIdle(Duration.ofMinutes(5));
        }
        long compiling = JitCompiler.awaitQuiet();
        out.printf("warm-up: the same replay as sensor %s with a subscription of its own (not reported), then %.1f s "
                + "until the JIT compiler was quiet%n", WARM_UP_SENSOR, compiling / 1000.0);
    }

    /** The warm-up's subscription must be gone, or the query service would match every packet twice. */
    private static void awaitNoSubscribers(MeterRegistry queryMeters) throws InterruptedException {
        Gauge open = queryMeters.get(QueryMeters.SUBSCRIBERS.meterName()).gauge();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (open.value() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up's subscription is still open");
            }
            Thread.sleep(50);
        }
    }

    private boolean measure(Path capture, String subscription, RedisOptions options, KeySchema keys, Indexer indexer,
                            RedisProcess redis, RedisObserver observer, PrintStream out) throws Exception {
        long subscribing = System.nanoTime();
        try (SseLatencyClient client = SseLatencyClient.subscribe(subscription);
             FloorProbe floor = FloorProbe.start(redis.port())) {
            out.printf("subscribed: the answer came after %.0f ms%n", (System.nanoTime() - subscribing) / 1e6);
            observer.prioritize(out);
            observer.startSlowLog(); // after the subscription's first answer: only the replay's calls
            GcPauses gc = GcPauses.start();
            CpuReading cpuBefore = CpuReading.now();
            RedisUsage redisBefore = observer.usage();
            long start = System.nanoTime();
            replay(capture, options, keys, SENSOR);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuReading cpu = CpuReading.now().minus(cpuBefore);
            RedisUsage redisCpu = observer.usage().minus(redisBefore);
            indexer.awaitIdle(Duration.ofMinutes(5));
            Thread.sleep(500); // the last events on their way
            Latencies events = client.latencies();
            Latencies bare = floor.latencies();
            out.println();
            out.println("=== live subscription latency (XADD → client) ===");
            out.printf("events   %s%n", events);
            out.printf("  of it, XADD → indexer commit: %s%n", client.indexingPart());
            out.printf("floor    %s   (bare XADD → XREAD BLOCK on the same Redis, same run)%n", bare);
            out.printf("slow     %s  (SLOWLOG during the replay; target: none > 2 ms)%n", observer.slowLog().headline());
            out.printf("gc       %s  (this JVM, which runs agent, indexer and query service, during the replay)%n",
                    gc.since());
            out.printf("cpu      this JVM %.0f %% of a core, Redis %s %.0f %%, machine %s busy  (during the %.1f s replay)%n",
                    100 * cpu.jvmSeconds() / seconds, redisCpu.mainThread() ? "main thread" : "process",
                    100 * redisCpu.cpuSeconds() / seconds, cpu.machineBusyText(), seconds);
            boolean met = events.count() > 0 && events.p99() <= TARGET_P99_MS;
            out.printf("target   p99 ≤ %.0f ms at %,d packets/s: %s%n", TARGET_P99_MS, rate, met ? "met" : "MISSED");
            return met;
        }
    }

    /** Replays the capture at its recorded pace as {@code sensor}, insisting that every packet was published. */
    private static void replay(Path capture, RedisOptions options, KeySchema keys, String sensor)
            throws InterruptedException {
        BenchAgent.publish(capture, options, keys, PublishOptions.builder(sensor).build(), 1.0);
    }

    private Path generate(String name, long packets) throws IOException {
        Path capture = workDir.resolve(name);
        try (PcapWriter writer = PcapWriter.create(capture, LinkType.ETHERNET.value(), true)) {
            // one data packet in 200 carries the pattern: a few hundred events a second
            new SyntheticTraffic(7, rate, 200).generate(packets, (t, f) -> writer.write(t, f.length, f, 0, f.length));
        }
        return capture;
    }
}

package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis goes away in the middle of a file replay and comes back: the reader waits with a bounded buffer and the
 * stream ends up holding every packet of the file exactly once, in order, although entries in flight when Redis
 * stopped are sent again and the restarted Redis has forgotten the publish script. The private Redis writes an
 * append-only file, so what was published before the outage survives the restart (as in production, where AOF
 * is on), the publishers' sequences included.
 */
class RedisOutageIT {

    private static final int BUFFER = 300;

    @TempDir
    Path dir;

    @Test
    void redisStoppedMidReplayLosesNothingOfAFileAndDoublesNothing() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("outage.pcap"), 20, 200, 1_000_000); // 4000 packets over 4 s
        List<Captured> expected = Captured.of(file);
        KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(),
                List.of("--appendonly", "yes", "--appendfsync", "always"))) {
            PublishOptions publish = PublishOptions.builder("outage").batchPackets(16).bufferPackets(BUFFER)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(400)).build();
            AgentOptions options = new AgentOptions(List.of(file), Optional.empty(),
                    RedisOptions.of(redis.uri()).withCommandTimeout(Duration.ofSeconds(2)), keys, publish,
                    Duration.ofSeconds(10), 2.0, Duration.ofSeconds(1));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CaptureAgent agent = new CaptureAgent(options, registry);
            CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);

            await(() -> agent.counts().published() > 500, "publishing to start");
            redis.stop();
            Thread.sleep(800);
            AgentCounts during = agent.counts();
            Thread.sleep(700);
            AgentCounts later = agent.counts();
            assertTrue(later.captured() - later.published() <= BUFFER + 1, // + the packet waiting for room
                    "the reader waits once the buffer is full: " + later);
            assertEquals(during.captured(), later.captured(), "the reader is blocked while Redis is down");
            redis.start();
            CaptureAgent.AgentResult result = run.get(60, TimeUnit.SECONDS);

            assertTrue(result.ok());
            assertEquals(expected.size(), result.counts().captured());
            assertEquals(0, result.counts().dropped());
            assertTrue(registry.get("packetstream.agent.publish.retries").functionCounter().count() > 0);
            try (Streams streams = new Streams(redis.uri())) {
                ExactlyOnceIT.assertOnceInOrder(expected, streams.packets(keys, 0, "outage"));
                assertEquals(streams.length(keys, 0), result.counts().entries());
            }
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}

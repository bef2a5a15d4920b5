package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.lettuce.core.KillArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A batch whose reply was lost is sent again, and the stream still holds every packet of the file exactly once,
 * in order: connections killed under the publisher, replies lost to timeouts, the publisher's stored sequence
 * lost in Redis. (Redis restarting is {@link RedisOutageIT}.)
 */
class ExactlyOnceIT {

    private static final String SENSOR = "once";

    @TempDir
    Path dir;

    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void connectionsKilledMidReplayLeaveEveryPacketInTheStreamExactlyOnce() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("kills.pcap"), 20, 400, 500_000); // 8000 packets over 4 s
        List<Captured> expected = Captured.of(file);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate()); Streams streams = new Streams(redis.uri())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CaptureAgent agent = new CaptureAgent(paced(redis, file, Duration.ofSeconds(2)), registry);
            CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);
            long kills = 0;
            for (int i = 0; i < 40 && kills < 10 && !run.isDone(); i++) {
                long before = agent.counts().published(); // kill only a connection that is publishing
                RedisOutageIT.await(() -> agent.counts().published() > before || run.isDone(), "publishing to go on");
                kills += streams.redis().clientKill(KillArgs.Builder.typeNormal().skipme());
            }
            CaptureAgent.AgentResult result = run.get(60, TimeUnit.SECONDS);

            assertTrue(result.ok(), result.errors().toString());
            assertTrue(kills >= 10, "publisher connections killed: " + kills);
            assertTrue(registry.get("packetstream.agent.publish.retries").functionCounter().count() > 0);
            assertOnceInOrder(expected, streams.packets(keys, 0, SENSOR));
            assertEquals(expected.size(), result.counts().published());
            assertEquals(streams.length(keys, 0), result.counts().entries());
        }
    }

    @Test
    void repliesLostToTimeoutsAreNotAppendedTwice() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("pause.pcap"), 20, 200, 500_000); // 4000 packets over 2 s
        List<Captured> expected = Captured.of(file);
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate()); Streams streams = new Streams(redis.uri())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            CaptureAgent agent = new CaptureAgent(paced(redis, file, Duration.ofMillis(300)), registry);
            CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);
            RedisOutageIT.await(() -> agent.counts().published() > 500, "publishing to start");

            streams.redis().clientPause(1500); // entries sent meanwhile time out, then run when the pause ends
            CaptureAgent.AgentResult result = run.get(60, TimeUnit.SECONDS);

            double deduplicated = registry.get("packetstream.agent.entries.deduplicated").functionCounter().count();
            assertTrue(deduplicated > 0, "entries sent again after their reply timed out: " + deduplicated);
            assertOnceInOrder(expected, streams.packets(keys, 0, SENSOR));
            assertEquals(expected.size(), result.counts().published());
            assertEquals(streams.length(keys, 0), result.counts().entries());
        }
    }

    @Test
    void aSequenceLostInRedisIsResynchronisedWithoutLosingOrDoublingPackets() throws Exception {
        String uri = TestRedis.shared().uri();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Captured> sent = new ArrayList<>();
        try (Streams streams = new Streams(uri);
             StreamPublisher publisher = StreamPublisher.start(RedisOptions.of(uri), keys,
                     PublishOptions.builder(SENSOR).batchPackets(10).build(), new AgentMetrics(registry))) {
            assertTrue(publisher.awaitReady(Duration.ofSeconds(10)));
            publish(publisher, sent, 0, 100);
            String hash = keys.publishers(0);
            assertEquals("10", new String(streams.redis().hget(hash, publisher.publisherId()), StandardCharsets.US_ASCII));

            streams.redis().del(hash); // as if it had expired after a day without appends
            publish(publisher, sent, 100, 100);

            assertOnceInOrder(sent, streams.packets(keys, 0, SENSOR));
            assertEquals("20", new String(streams.redis().hget(hash, publisher.publisherId()), StandardCharsets.US_ASCII));
            assertTrue(registry.get("packetstream.agent.publish.retries").functionCounter().count() >= 1);
        }
    }

    /** Fails with a short message (not two lists of thousands) unless {@code stored} is exactly {@code expected}. */
    static void assertOnceInOrder(List<Captured> expected, List<Captured> stored) {
        if (expected.equals(stored)) {
            return;
        }
        long distinct = stored.stream().distinct().count();
        int i = 0;
        while (i < Math.min(expected.size(), stored.size()) && expected.get(i).equals(stored.get(i))) {
            i++;
        }
        fail("expected every one of " + expected.size() + " packets once, in order; the stream holds "
                + stored.size() + " (" + (stored.size() - distinct) + " duplicates), first difference at packet " + i);
    }

    private static void publish(StreamPublisher publisher, List<Captured> sent, int from, int count)
            throws InterruptedException {
        for (int i = from; i < from + count; i++) {
            byte[] frame = TestTraffic.frame(i % 7, i);
            long time = TestTraffic.START + i * 1000L;
            publisher.accept(time, frame.length, 1, frame, 0, frame.length);
            sent.add(new Captured(time, frame.length, 1, frame));
        }
        assertTrue(publisher.awaitPublished(Duration.ofSeconds(10)), publisher.lastError());
    }

    /** Replays at the recorded pace, retrying quickly. */
    private AgentOptions paced(RedisProcess redis, Path file, Duration commandTimeout) {
        PublishOptions publish = PublishOptions.builder(SENSOR).batchPackets(16)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        return new AgentOptions(List.of(file), Optional.empty(),
                RedisOptions.of(redis.uri()).withCommandTimeout(commandTimeout), keys, publish,
                Duration.ofSeconds(10), 1.0, Duration.ofSeconds(1));
    }

}

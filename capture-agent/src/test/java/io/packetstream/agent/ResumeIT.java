package io.packetstream.agent;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.ReplayIdentity;
import io.packetstream.agent.source.Captured;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file replay stopped midway and run again by the same sensor stores every packet exactly once: batches are
 * formed from the file alone, and the publisher id comes from the sensor and the file.
 */
class ResumeIT {

    private static final String SENSOR = "resume";
    private static final int PACKETS = 300;
    private static final int PER_ENTRY = 4;

    @TempDir
    Path dir;

    private final String uri = TestRedis.shared().uri();
    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
    private final Streams streams = new Streams(uri);

    @AfterEach
    void close() {
        streams.close();
    }

    private CaptureAgent agent(Path file, String sensor, long maxLen) {
        return new CaptureAgent(AgentOptions.forFiles(List.of(file), RedisOptions.of(uri), keys,
                PublishOptions.builder(sensor).maxLen(maxLen).batchPackets(PER_ENTRY).bufferPackets(16).build()),
                new SimpleMeterRegistry());
    }

    @Test
    void aReplayStoppedMidwayAndRunAgainStoresEveryPacketOnce() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("resume.pcap"), 3, PACKETS / 3, 1_000);
        List<Captured> expected = Captured.of(file);

        // first run: no indexer, so it stops at the cap of 40 entries; then it is stopped, as by Ctrl-C or a kill
        CaptureAgent first = agent(file, SENSOR, 40);
        CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (streams.length(keys, 0) < 40) {
            assertTrue(System.nanoTime() < deadline, "the first run never reached the cap");
            Thread.sleep(20);
        }
        first.stop();
        CaptureAgent.AgentResult stopped = run.get(60, TimeUnit.SECONDS);
        assertTrue(stopped.counts().published() < PACKETS, "the first run must end midway");
        assertEquals(expected.subList(0, 40 * PER_ENTRY), streams.packets(keys, 0, SENSOR));

        CaptureAgent.AgentResult rerun = agent(file, SENSOR, 10_000).run();

        assertTrue(rerun.ok(), rerun.errors().toString());
        assertEquals(expected, streams.packets(keys, 0, SENSOR), "every packet exactly once, in order");
        assertEquals(PACKETS / PER_ENTRY, streams.length(keys, 0));

        agent(file, "other-sensor", 10_000).run();
        assertEquals(2 * PACKETS / PER_ENTRY, streams.length(keys, 0), "another sensor publishes the file again");
    }

    @Test
    void theIdNamesSensorAndFileContent() throws Exception {
        Path a = TestTraffic.flows(dir.resolve("a.pcap"), 3, 10, 1_000);
        Path copy = Files.copy(a, dir.resolve("copy.pcap"));
        Path other = TestTraffic.flows(dir.resolve("b.pcap"), 3, 11, 1_000);

        assertEquals(ReplayIdentity.publisherId("s", a), ReplayIdentity.publisherId("s", copy));
        assertTrue(ReplayIdentity.publisherId("s", a).matches("s-f[0-9a-f]{16}"), ReplayIdentity.publisherId("s", a));
        assertNotEquals(ReplayIdentity.publisherId("s", a), ReplayIdentity.publisherId("t", a));
        assertNotEquals(ReplayIdentity.publisherId("s", a), ReplayIdentity.publisherId("s", other));
    }
}

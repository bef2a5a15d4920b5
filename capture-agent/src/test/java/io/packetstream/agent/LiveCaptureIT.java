package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.CaptureSourceException;
import io.packetstream.agent.source.LiveOptions;
import io.packetstream.agent.source.LiveSource;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures live on the loopback interface through libpcap with a BPF filter for one UDP port, while this test
 * sends datagrams to 127.0.0.1 on that port. Skipped where libpcap is missing or capturing is not permitted.
 */
class LiveCaptureIT {

    @Test
    void datagramsToALoopbackPortAreCapturedThroughTheFilterAndPublished() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            LiveOptions live = new LiveOptions("lo", "udp port " + port, LiveOptions.DEFAULT_SNAPLEN, false,
                    LiveOptions.DEFAULT_READ_TIMEOUT);
            assumeCapturePossible(live);
            KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
            AgentOptions options = new AgentOptions(List.of(), Optional.of(live),
                    RedisOptions.of(TestRedis.shared().uri()), keys,
                    PublishOptions.builder("lo-sensor").overflow(PublishOptions.Overflow.DROP).build(),
                    Duration.ofSeconds(5), 0, Duration.ofSeconds(1));
            CaptureAgent agent = new CaptureAgent(options, new SimpleMeterRegistry());
            CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);

            // the capture handle opens asynchronously: keep sending until five datagrams were published
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            while (agent.counts().published() < 5 && System.nanoTime() < deadline && !run.isDone()) {
                byte[] payload = ("packetstream live " + sent++).getBytes(StandardCharsets.US_ASCII);
                sender.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                Thread.sleep(50);
            }
            agent.stop();
            CaptureAgent.AgentResult result = run.get(30, TimeUnit.SECONDS);

            assertTrue(result.counts().published() >= 5, result.counts().toString());
            assertEquals(result.counts().captured(), result.counts().published());
            try (Streams streams = new Streams(TestRedis.shared().uri())) {
                List<Captured> packets = streams.packets(keys, 0, "lo-sensor");
                assertEquals(result.counts().published(), packets.size());
                for (Captured p : packets) {
                    String text = new String(p.data(), StandardCharsets.US_ASCII);
                    assertTrue(text.contains("packetstream live "), "only our datagrams pass the filter");
                    assertEquals(1, p.linkType(), "loopback frames are Ethernet on Linux");
                    int dstPort = ((p.data()[14 + 20 + 2] & 0xFF) << 8) | (p.data()[14 + 20 + 3] & 0xFF);
                    assertEquals(port, dstPort);
                    assertTrue(Math.abs(p.timestampNanos() / 1_000_000 - System.currentTimeMillis()) < 60_000,
                            "capture time is now-ish");
                }
            }
        }
    }

    @Test
    void anInterfaceThatDoesNotExistIsNamedWithTheOnesThatDo() {
        LiveOptions live = new LiveOptions("nosuch0", "", LiveOptions.DEFAULT_SNAPLEN, false,
                LiveOptions.DEFAULT_READ_TIMEOUT);
        CaptureSourceException e = assertThrows(CaptureSourceException.class,
                () -> LiveSource.open(live, new AtomicLong(), new AtomicLong()).close());
        Assumptions.assumeFalse(e.getMessage().startsWith("live capture needs libpcap"), e.getMessage());
        assertTrue(e.getMessage().startsWith("interface 'nosuch0' does not exist ("), e.getMessage());
        assertTrue(e.getMessage().matches(".*; interfaces here: .*\\blo\\b.*"), "lists the loopback: " + e.getMessage());
    }

    private static void assumeCapturePossible(LiveOptions live) {
        try (LiveSource probe = LiveSource.open(live, new AtomicLong(), new AtomicLong())) {
            probe.linkType();
        } catch (CaptureSourceException | LinkageError e) {
            Assumptions.abort("live capture on lo is not possible here: " + e.getMessage());
        }
    }
}

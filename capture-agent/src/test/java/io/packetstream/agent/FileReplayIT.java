package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.agent.source.TestCaptures;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedis;
import io.packetstream.core.decode.MalformedPacketException;
import io.packetstream.core.decode.PacketDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileReplayIT {

    private static final String SENSOR = "it-sensor";

    @TempDir
    Path dir;

    private final String uri = TestRedis.shared().uri();
    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
    private final Streams streams = new Streams(uri);

    @AfterEach
    void close() {
        streams.close();
    }

    private CaptureAgent.AgentResult replay(PublishOptions.Builder publish, Path... files) throws InterruptedException {
        return new CaptureAgent(AgentOptions.forFiles(List.of(files), RedisOptions.of(uri), keys, publish.build()),
                new SimpleMeterRegistry()).run();
    }

    private static PublishOptions.Builder publish() {
        return PublishOptions.builder(SENSOR);
    }

    @Test
    void replayedFilesDecodeBackToExactlyTheirPacketsInOrder() throws Exception {
        Path a = TestCaptures.own("lo-nano.pcap");
        Path b = TestCaptures.own("lo-dumpcap.pcapng");
        Path c = TestCaptures.own("any-sll2.pcap");
        List<Captured> expected = new ArrayList<>(Captured.of(a));
        expected.addAll(Captured.of(b));
        expected.addAll(Captured.of(c));

        CaptureAgent.AgentResult result = replay(publish().batchPackets(10), a, b, c);

        assertTrue(result.ok(), result.errors().toString());
        assertEquals(expected, streams.packets(keys, 0, SENSOR));
        AgentCounts counts = result.counts();
        assertEquals(expected.size(), counts.captured());
        assertEquals(expected.size(), counts.published());
        assertEquals(0, counts.dropped());
        assertEquals(3, counts.files("complete"));
        assertEquals(streams.length(keys, 0), counts.entries());
        assertTrue(counts.entries() >= expected.size() / 10, "batches of at most 10: " + counts.entries());
        assertEquals("1", new String(streams.redis().hget(keys.config(), "shards"), StandardCharsets.US_ASCII));
    }

    @Test
    void eachFlowStaysOnOneShardInOrderWhenThereAreFourShards() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("flows.pcap"), 48, 12, 1_000_000);

        CaptureAgent.AgentResult result = replay(publish().shards(4), file);

        assertEquals(48 * 12, result.counts().published());
        Map<Integer, Integer> shardOfFlow = new HashMap<>();
        List<Captured> all = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            List<Captured> packets = streams.packets(keys, shard, SENSOR);
            assertFalse(packets.isEmpty(), "48 flows left shard " + shard + " empty");
            long last = Long.MIN_VALUE;
            for (Captured p : packets) {
                Integer before = shardOfFlow.put(TestTraffic.flowOf(p.data()), shard);
                assertTrue(before == null || before == shard, "flow " + TestTraffic.flowOf(p.data()) + " on two shards");
                assertTrue(p.timestampNanos() > last, "packets of shard " + shard + " out of capture order");
                last = p.timestampNanos();
            }
            all.addAll(packets);
        }
        assertEquals(48, shardOfFlow.size());
        assertEquals(48 * 12, all.size());
        assertTrue(result.counts().malformed().isEmpty(), result.counts().malformed().toString());
    }

    @Test
    void aNamespaceSetUpForAnotherShardCountRefusesToStart() {
        streams.redis().hset(keys.config(), "shards", "2".getBytes(StandardCharsets.US_ASCII));
        Path file = TestCaptures.own("lo-micro.pcap");

        AgentException e = assertThrows(AgentException.class, () -> replay(publish().shards(1), file));

        assertEquals("namespace '" + keys.namespace() + "' is set up for 2 shard(s) (" + keys.config()
                + " shards=2) but this program was started with --shards 1; start it with --shards 2, without --shards,"
                + " or use another --namespace",
                e.getMessage());
        assertEquals(0, streams.length(keys, 0));
    }

    @Test
    void anAgentNotToldTheShardCountFollowsTheStoredOneAndSetsUpTheDefaultOnlyWhenNoneIs() throws Exception {
        Path file = TestCaptures.own("lo-micro.pcap");
        streams.redis().hset(keys.config(), "shards", "3".getBytes(StandardCharsets.US_ASCII));
        CaptureAgent.AgentResult result = replay(publish().followStoredShards(true), file);
        assertTrue(result.ok(), result.errors().toString());
        assertEquals(result.counts().published(), streams.packets(keys, 0, SENSOR).size()
                + streams.packets(keys, 1, SENSOR).size() + streams.packets(keys, 2, SENSOR).size(),
                "published over the namespace's 3 shards");

        KeySchema fresh = new KeySchema(keys.namespace() + "-new");
        CaptureAgent.AgentResult first = new CaptureAgent(AgentOptions.forFiles(List.of(file), RedisOptions.of(uri),
                fresh, publish().followStoredShards(true).build()), new SimpleMeterRegistry()).run();
        assertTrue(first.ok(), first.errors().toString());
        assertEquals("1", new String(streams.redis().hget(fresh.config(), "shards"), StandardCharsets.US_ASCII),
                "a new namespace gets the default");
    }

    @Test
    void aStreamKeyHoldingSomethingElseStopsTheReplayWithRedisError() {
        streams.redis().set(keys.stream(0), "not a stream".getBytes(StandardCharsets.US_ASCII));

        AgentException e = assertThrows(AgentException.class,
                () -> replay(publish(), TestCaptures.own("lo-micro.pcap")));

        assertTrue(e.getMessage().startsWith("Redis rejected XADD to " + keys.stream(0) + ": WRONGTYPE"), e.getMessage());
    }

    @Test
    void unreachableRedisFailsClearlyAfterTheConnectTimeout() {
        String nowhere = "redis://127.0.0.1:" + RedisProcess.freePort();
        AgentOptions options = AgentOptions.forFiles(List.of(TestCaptures.own("lo-micro.pcap")),
                RedisOptions.of(nowhere), keys, publish().build()).withConnectTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();

        AgentException e = assertThrows(AgentException.class, () -> new CaptureAgent(options, new SimpleMeterRegistry()).run());

        assertTrue(e.getMessage().startsWith("cannot reach Redis at " + nowhere + " within 1s (--connect-timeout)"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos());
    }

    @Test
    void damagedFilesPublishWhatPrecedesTheDamageAndTheNextFileStillRuns() throws Exception {
        Path good = TestCaptures.own("lo-micro.pcap");
        List<Captured> goodPackets = Captured.of(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.pcap"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        byte[] corruptBytes = bytes.clone();
        int secondRecord = 24 + 16 + goodPackets.get(0).data().length;
        java.nio.ByteBuffer.wrap(corruptBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(secondRecord + 8, 400_000);
        Path corrupt = Files.write(dir.resolve("corrupt.pcap"), corruptBytes);

        CaptureAgent.AgentResult result = replay(publish(), truncated, corrupt, good);

        List<Captured> expected = new ArrayList<>(goodPackets.subList(0, goodPackets.size() - 1));
        expected.add(goodPackets.get(0));
        expected.addAll(goodPackets);
        assertEquals(expected, streams.packets(keys, 0, SENSOR));
        assertEquals(List.of(corrupt + ": corrupt record at byte offset " + secondRecord
                + ": captured length 400000 exceeds the limit of 262144 bytes (after 1 packets)"), result.errors());
        AgentCounts counts = result.counts();
        assertEquals(1, counts.files("truncated"));
        assertEquals(1, counts.files("corrupt"));
        assertEquals(1, counts.files("complete"));
        assertEquals(expected.size(), counts.published());
    }

    @Test
    void framesBeyondTheDeclaredSnaplenArePublishedWholeAndTheFileCompletes() throws Exception {
        Path file = dir.resolve("gro.pcap");
        try (PcapWriter w = PcapWriter.create(file, 1, true)) {
            for (int i = 0; i < 30; i++) {
                byte[] frame = TestTraffic.frame(i % 3, i);
                if (i % 10 == 5) {
                    frame = java.util.Arrays.copyOf(frame, 70_000 + i); // GRO/TSO frames over 64 KiB
                }
                w.write(TestTraffic.START + i * 1000L, frame.length, frame, 0, frame.length);
            }
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer snaplen = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.write(snaplen.putInt(0, 65_535), 16); // the header understates the frames, as real captures do
        }
        List<Captured> expected = Captured.of(file);

        CaptureAgent.AgentResult result = replay(publish(), file);

        assertTrue(result.ok(), result.errors().toString());
        assertEquals(30, expected.size());
        assertEquals(70_005, expected.get(5).data().length);
        assertEquals(expected, streams.packets(keys, 0, SENSOR));
        assertEquals(1, result.counts().files("complete"));
        assertEquals(30, result.counts().published());
    }

    @Test
    void unknownLinkTypesAndMalformedFramesArePublishedAndCounted() throws Exception {
        Path unknown = dir.resolve("user0.pcap");
        try (PcapWriter w = PcapWriter.create(unknown, 147, false)) {
            for (int i = 0; i < 5; i++) {
                w.write(TestTraffic.START + i * 1000L, 4, new byte[]{1, 2, 3, (byte) i}, 0, 4);
            }
        }
        Path broken = dir.resolve("broken.pcap");
        try (PcapWriter w = PcapWriter.create(broken, 1, false)) {
            byte[] frame = TestTraffic.frame(1, 0);
            w.write(TestTraffic.START, frame.length, frame, 0, 20); // IPv4 header cut after 6 bytes
        }

        CaptureAgent.AgentResult result = replay(publish(), unknown, broken);

        assertTrue(result.ok());
        assertEquals(6, streams.packets(keys, 0, SENSOR).size());
        assertEquals(6, result.counts().published());
        assertEquals(5L, result.counts().malformed().get("unknown_link_type"));
        assertEquals(6, result.counts().malformedTotal());
    }

    @Test
    void packetsStampedBefore1990OrAfterTomorrowAreCountedAsBadTimeAndNotPublished() throws Exception {
        Path file = dir.resolve("clock.pcap");
        byte[] frame = TestTraffic.frame(1, 0);
        long[] times = {TestTraffic.START, 0, 4_200_000_000L * 1_000_000_000L, 631_151_999L * 1_000_000_000L,
                TestTraffic.START + 1_000};
        try (PcapWriter w = PcapWriter.create(file, 1, true)) {
            for (long t : times) {
                w.write(t, frame.length, frame, 0, frame.length);
            }
        }

        CaptureAgent.AgentResult result = replay(publish(), file);

        assertTrue(result.ok(), result.errors().toString());
        assertEquals(List.of(new Captured(times[0], frame.length, 1, frame), new Captured(times[4], frame.length, 1,
                frame)), streams.packets(keys, 0, SENSOR));
        assertEquals(5, result.counts().captured());
        assertEquals(2, result.counts().published());
        assertEquals(Map.of("bad_time", 3L), result.counts().malformed());
    }

    @Test
    void theSharedGarbageFixtureIsPublishedWholeWithItsBadFramesCountedByReason() throws Exception {
        Path garbage = TestCaptures.find(TestCaptures.SHARED + "garbage.pcap").orElse(null);
        Assumptions.assumeTrue(garbage != null, "garbage.pcap not recorded yet");
        List<Captured> packets = Captured.of(garbage);
        Map<String, Long> expected = new HashMap<>();
        for (Captured p : packets) {
            try {
                PacketDecoder.decode(p.linkType(), p.data(), 0, p.data().length);
            } catch (MalformedPacketException e) {
                expected.merge(e.reason().tag(), 1L, Long::sum);
            }
        }

        CaptureAgent.AgentResult result = replay(publish(), garbage);

        assertEquals(packets, streams.packets(keys, 0, SENSOR));
        assertEquals(expected, result.counts().malformed());
        assertTrue(result.counts().malformedTotal() >= 4, result.counts().malformed().toString());
    }

    @Test
    void theCommandExitsZeroForGoodAndTruncatedFilesAndOneForACorruptOne() throws IOException {
        Path good = TestCaptures.own("lo-micro.pcap");
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("t.pcap"), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        byte[] corruptBytes = bytes.clone();
        java.nio.ByteBuffer.wrap(corruptBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 999_999);
        Path corrupt = Files.write(dir.resolve("c.pcap"), corruptBytes);
        String[] common = {"--redis", uri, "--namespace", keys.namespace(), "--metrics-port", "-1", "--sensor", SENSOR};

        assertEquals(0, CaptureAgentMain.execute(concat(common, "--file", good.toString())));
        assertEquals(0, CaptureAgentMain.execute(concat(common, "--file", truncated.toString())));
        assertEquals(1, CaptureAgentMain.execute(concat(common, "--file", corrupt.toString())));
        assertEquals(2 * Captured.of(good).size() - 1, streams.packets(keys, 0, SENSOR).size());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.decode.LinkType;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.PacketBatchWriter;
import io.packetstream.testsupport.frames.Frames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.packetstream.indexer.write.TestPackets.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchBuilderTest {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("203.0.113.80");

    private final KeySchema keys = new KeySchema("t");
    private final BatchBuilder builder = new BatchBuilder(keys, AddressClassifier.defaults());

    private static byte[] sensor(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StreamEntry entry(String id, byte[] payload) {
        return StreamEntry.of(id, Map.of("s", sensor("s1"), "p", payload));
    }

    private static byte[] payload(int linkType, byte[]... frames) {
        PacketBatchWriter w = new PacketBatchWriter(256);
        long t = T0;
        for (byte[] f : frames) {
            w.append(t++, f.length + 4, linkType, f, 0, f.length);
        }
        return w.toBytes();
    }

    @Test
    void aggregatesAFlowOfManyPacketsIntoOneWritePerKey() {
        byte[][] frames = new byte[64][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Frames.tcp(A, 40000, B, 443, 0x18, new byte[]{1, 2, 3});
        }
        IndexBatch batch = builder.build(0, List.of(entry("5-0", payload(LinkType.ETHERNET.value(), frames)),
                entry("6-0", payload(LinkType.ETHERNET.value(), frames))));

        assertEquals(List.of("5-0", "6-0"), batch.entryIds());
        assertEquals(128, batch.stats().packets());
        assertEquals(T0 + 63, batch.stats().newestNanos().getAsLong());
        // hours, sensors, meta, q1, q2, q5 ×2, q6 ×2, and q3 minute and hour in each host's partition: no q4 (no SYN)
        int peerKeys = KeySchema.peerPartition(A) == KeySchema.peerPartition(B) ? 2 : 4;
        assertEquals(9 + peerKeys, batch.writes().size(), batch.writes().stream().map(KeyWrite::key).toList().toString());
        KeyWrite volume = batch.writes().stream().filter(w -> w.op() == WriteOp.HASH_INCREMENT).findFirst().orElseThrow();
        assertEquals("128", TestPackets.texts(volume).get(1));
    }

    @Test
    void poisonEntriesBecomeDeadLettersWithTheirReasonAndAreStillAcknowledged() {
        byte[] good = payload(LinkType.ETHERNET.value(), Frames.tcp(A, 1, B, 2, 0x10, new byte[0]));
        byte[] version99 = good.clone();
        version99[0] = 99;
        IndexBatch batch = builder.build(0, List.of(
                StreamEntry.of("1-0", Map.of("s", sensor("s1"), "p", version99)),
                StreamEntry.of("1-1", Map.of("s", sensor("s1"))),
                StreamEntry.of("1-2", Map.of("p", good)),
                StreamEntry.of("1-3", Map.of("s", sensor("s1"), "p", new byte[]{1, 5, 0, 0})),
                StreamEntry.of("1-4", Map.of("s", sensor("bad:sensor"), "p", good)),
                new StreamEntry("1-5", Optional.empty()),
                entry("1-6", good)));

        assertEquals(7, batch.entryIds().size());
        assertEquals(List.of("1-0 unreadable", "1-1 missing_field", "1-2 missing_field", "1-3 unreadable",
                        "1-4 bad_sensor", "1-5 deleted"),
                batch.deadLetters().stream().map(d -> d.entryId() + " " + d.reason()).toList());
        assertTrue(batch.deadLetters().get(0).reasonText().contains("version 99"));
        assertEquals(TestPackets.text(version99), TestPackets.text(batch.deadLetters().get(0).payload()));
        assertEquals(1, batch.stats().packets(), "only 1-6 is indexed");
        assertEquals(List.of(new ChangeEvent.EntryIndexed("s1", "1-6")), batch.indexed(), "and announced");
    }

    @Test
    void malformedAndNonIpFramesAreCountedAndSkipped() {
        byte[] arp = Frames.tcp(A, 1, B, 2, 0x10, new byte[0]);
        arp[12] = 0x08;
        arp[13] = 0x06;
        byte[] ip = Frames.tcp(A, 1, B, 2, 0x10, new byte[0]);
        byte[] cut = java.util.Arrays.copyOf(ip, 20);
        IndexBatch batch = builder.build(0, List.of(
                entry("1-0", payload(LinkType.ETHERNET.value(), ip, arp, cut)),
                entry("1-1", payload(4242, ip))));

        assertEquals(1, batch.stats().packets());
        assertEquals(1, batch.stats().nonIp());
        assertEquals(Map.of("truncated", 1L, "unknown_link_type", 1L), batch.stats().malformed());
        assertTrue(batch.deadLetters().isEmpty());
    }

    @Test
    void aDecoderBugCostsOnePacketNotTheBatch() {
        BatchBuilder broken = new BatchBuilder(keys, AddressClassifier.defaults(), (l, f, o, n) -> {
            throw new IllegalStateException("bug");
        });
        IndexBatch batch = broken.build(0, List.of(entry("1-0", payload(1, new byte[40]))));
        assertEquals(Map.of(BatchBuilder.DECODER_ERROR, 1L), batch.stats().malformed());
        assertEquals(List.of("1-0"), batch.entryIds());
    }

    @Test
    void aHeartbeatAdvancesOnlyItsSensorsClockAndIsNeitherIndexedNorDeadLettered() {
        byte[] frame = Frames.tcp(A, 40000, B, 443, 0x18, new byte[]{1});
        IndexBatch batch = builder.build(0, List.of(
                entry("5-0", payload(LinkType.ETHERNET.value(), frame, frame)), // s1's packets at T0 and T0 + 1
                StreamEntry.of("6-0", Map.of("s", sensor("s2"), "p", ClockHeartbeat.encode(T0 + 7_000))),
                StreamEntry.of("7-0", Map.of("s", sensor("s2"), "p", ClockHeartbeat.encode(T0 + 5_000)))));

        assertEquals(Map.of("s1", T0 + 1, "s2", T0 + 7_000), batch.clocks());
        assertEquals(List.of(new ChangeEvent.EntryIndexed("s1", "5-0")), batch.indexed());
        assertEquals(List.of(), batch.deadLetters());
        assertEquals(List.of("5-0", "6-0", "7-0"), batch.entryIds(), "heartbeats are acknowledged too");
        assertEquals(2, batch.stats().packets());
    }
}

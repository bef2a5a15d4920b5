package io.packetstream.agent.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapFileSourceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lo-micro.pcap, 1", "lo-nano.pcap, 1", "lo-snaplen64.pcap, 1", "any-sll.pcap, 113",
            "any-sll2.pcap, 276", "lo-dumpcap.pcapng, 1", "lo-nano.pcapng, 1"})
    void readsRealCapturesExactlyAsTsharkDoes(String name, int linkType) {
        List<TestCaptures.Reference> expected = TestCaptures.reference(TestCaptures.own(name + ".tshark.tsv"));
        try (PcapFileSource source = PcapFileSource.open(TestCaptures.own(name))) {
            List<Captured> packets = Captured.readAll(source);
            assertEquals(expected.size(), packets.size());
            assertTrue(packets.size() > 30);
            for (int i = 0; i < packets.size(); i++) {
                Captured p = packets.get(i);
                TestCaptures.Reference r = expected.get(i);
                assertEquals(r.timestampNanos(), p.timestampNanos(), "timestamp of packet " + i);
                assertEquals(r.originalLength(), p.originalLength(), "original length of packet " + i);
                assertEquals(r.capturedLength(), p.data().length, "captured length of packet " + i);
                assertEquals(linkType, p.linkType());
            }
            assertTrue(source.damage().isEmpty());
            assertEquals(1.0, source.progress());
            assertEquals(expected.size(), source.packets());
        }
    }

    @Test
    void pcapAndPcapngOfTheSameTrafficCarryTheSameBytes() {
        List<Captured> pcap = readAll(TestCaptures.own("lo-nano.pcap"));
        List<Captured> pcapng = readAll(TestCaptures.own("lo-nano.pcapng"));
        assertEquals(pcap, pcapng);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 61, 100, 4096})
    void smallMappingWindowsDeliverTheSamePackets(int window) {
        for (String name : List.of("lo-nano.pcap", "lo-dumpcap.pcapng")) {
            Path file = TestCaptures.own(name);
            try (PcapFileSource small = PcapFileSource.open(file, window)) {
                assertEquals(readAll(file), Captured.readAll(small), name);
            }
        }
    }

    @ParameterizedTest(name = "nanos={0} {1}")
    @CsvSource({"false, BIG_ENDIAN", "true, BIG_ENDIAN", "false, LITTLE_ENDIAN", "true, LITTLE_ENDIAN"})
    void readsBothByteOrdersAndResolutions(boolean nanos, String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Captured> packets = samplePackets(nanos ? 1 : 1000, 105);
        Path file = write(CaptureBytes.pcap(order, nanos, 105, 65535, packets));
        try (PcapFileSource source = PcapFileSource.open(file)) {
            assertEquals(packets, Captured.readAll(source));
            assertTrue(source.format().contains(nanos ? "nanoseconds" : "microseconds"), source.format());
            assertTrue(source.format().contains(order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian"));
        }
    }

    @Test
    void timestampsAfter2038AreReadAsUnsignedSeconds() throws IOException {
        long in2100 = 4_102_444_800_000_000_000L + 123_456_789;
        List<Captured> packets = List.of(new Captured(in2100, 3, 1, new byte[]{1, 2, 3}));
        try (PcapFileSource source = PcapFileSource.open(write(CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 1, 0, packets)))) {
            assertEquals(packets, Captured.readAll(source));
        }
    }

    @Test
    void headerOnlyFileEndsCleanlyWithoutPackets() throws IOException {
        try (PcapFileSource source = PcapFileSource.open(write(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 0, List.of())))) {
            assertEquals(-1, source.poll((a, b, c, d, e, f) -> { }, 10));
            assertTrue(source.damage().isEmpty());
            assertEquals(1.0, source.progress());
        }
    }

    @Test
    void recordCutShortEndsTheFileAsTruncatedAfterTheCompletePackets() throws IOException {
        byte[] whole = Files.readAllBytes(TestCaptures.own("lo-micro.pcap"));
        List<Captured> all = readAll(TestCaptures.own("lo-micro.pcap"));
        long offsetOf20th = 24;
        for (int i = 0; i < 20; i++) {
            offsetOf20th += 16 + all.get(i).data().length;
        }
        for (long cut : new long[]{offsetOf20th + 5, offsetOf20th + 16 + 1, offsetOf20th + 16 + all.get(20).data().length - 1}) {
            try (PcapFileSource source = PcapFileSource.open(write(Arrays.copyOf(whole, (int) cut)))) {
                assertEquals(all.subList(0, 20), Captured.readAll(source));
                FileDamage damage = source.damage().orElseThrow();
                assertEquals(FileDamage.Kind.TRUNCATED, damage.kind());
                assertEquals(20, damage.packets());
                assertEquals(offsetOf20th, damage.offset());
                assertTrue(damage.message().contains("file truncated after 20 packets"), damage.message());
            }
        }
    }

    @Test
    void framesBeyondTheDeclaredSnaplenAreReadWholeAndReportedOncePerFile() throws IOException {
        byte[] tso = new byte[70_000]; // a GRO/TSO frame over 64 KiB under the usual snaplen 65535
        Arrays.fill(tso, (byte) 7);
        List<Captured> packets = List.of(new Captured(1_000_000_000L, 60, 1, new byte[60]),
                new Captured(2_000_000_000L, 70_000, 1, tso),
                new Captured(3_000_000_000L, 65_600, 1, Arrays.copyOf(tso, 65_600)),
                new Captured(4_000_000_000L, 60, 1, new byte[60]));
        Path file = write(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, true, 1, 65_535, packets));
        try (LogCapture log = LogCapture.of(CaptureReader.class);
             PcapFileSource source = PcapFileSource.open(file)) {
            assertEquals(packets, Captured.readAll(source));
            assertTrue(source.damage().isEmpty(), () -> source.damage().get().message());
            assertEquals(List.of("file " + file + " declares snaplen 65535 but holds a frame of 70000 bytes (at byte "
                    + "offset 100); such frames are read whole, this is reported once per file"), log.warnings());
        }
    }

    @Test
    void originalLengthBelowTheCapturedLengthIsACorruptRecord() throws IOException {
        List<Captured> good = samplePackets(1000, 1);
        byte[] file = concat(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 64, good.subList(0, 2)),
                CaptureBytes.pcapRecord(ByteOrder.LITTLE_ENDIAN, false, 5_000_000_000L, 64, 65, new byte[65]),
                CaptureBytes.pcapRecord(ByteOrder.LITTLE_ENDIAN, false, 6_000_000_000L, 10, 10, new byte[10]));
        long badOffset = 24 + 2 * 16 + good.get(0).data().length + good.get(1).data().length;
        try (PcapFileSource source = PcapFileSource.open(write(file))) {
            assertEquals(good.subList(0, 2), Captured.readAll(source));
            FileDamage damage = source.damage().orElseThrow();
            assertEquals(FileDamage.Kind.CORRUPT, damage.kind());
            assertEquals("corrupt record at byte offset " + badOffset + ": original length 64 is smaller than the "
                    + "captured length 65 (after 2 packets)", damage.message());
        }
    }

    @Test
    void absurdCapturedLengthIsCorruptEvenWithoutSnaplen() throws IOException {
        byte[] file = concat(CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, true, 1, 0, List.of()),
                CaptureBytes.pcapRecord(ByteOrder.BIG_ENDIAN, true, 1, 300_000, 300_000, new byte[8]));
        try (PcapFileSource source = PcapFileSource.open(write(file))) {
            assertTrue(Captured.readAll(source).isEmpty());
            assertEquals("corrupt record at byte offset 24: captured length 300000 exceeds the limit of 262144 bytes "
                    + "(after 0 packets)", source.damage().orElseThrow().message());
        }
    }

    @Test
    void readsTheModifiedPcapVariant() throws IOException {
        List<Captured> packets = samplePackets(1000, 1);
        byte[] normal = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 0, packets);
        List<byte[]> parts = new ArrayList<>();
        byte[] header = Arrays.copyOf(normal, 24);
        header[0] = 0x34;
        header[1] = (byte) 0xCD; // 0xa1b2cd34 little-endian
        parts.add(header);
        int p = 24;
        for (Captured c : packets) {
            parts.add(Arrays.copyOfRange(normal, p, p + 16));
            parts.add(new byte[8]); // ifindex, protocol, pkt_type, pad
            parts.add(c.data());
            p += 16 + c.data().length;
        }
        try (PcapFileSource source = PcapFileSource.open(write(concat(parts.toArray(byte[][]::new))))) {
            assertEquals(packets, Captured.readAll(source));
        }
    }

    @Test
    void refusesFilesThatAreNotCaptures() throws IOException {
        assertRefused(dir.resolve("missing.pcap"), "missing.pcap: no such file");
        assertRefused(dir, "is a directory");
        assertRefused(write(new byte[0]), "is empty, not a pcap or pcapng file");
        assertRefused(write("GET / HTTP/1.1\r\n".getBytes()), "is not a pcap or pcapng file (magic 0x47455420)");
        assertRefused(write(new byte[]{(byte) 0xD4, (byte) 0xC3}), "not a pcap or pcapng file");
        assertRefused(write(Arrays.copyOf(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 0, List.of()), 20)),
                "cut short inside its 24-byte pcap file header");
        Path gz = dir.resolve("x.pcap.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(TestCaptures.own("lo-micro.pcap")));
        }
        assertRefused(gz, "gunzip it first");
    }

    static void assertRefused(Path file, String message) {
        CaptureSourceException e = assertThrows(CaptureSourceException.class, () -> PcapFileSource.open(file).close());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }

    @Test
    void unreadableFileIsReportedClearly() throws IOException {
        Path file = write(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 0, List.of()));
        org.junit.jupiter.api.Assumptions.assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file),
                "running as root: every file is readable");
        assertRefused(file, "permission denied");
    }

    /** Packets with timestamps at the given resolution (1 = ns, 1000 = µs) and varied sizes. */
    static List<Captured> samplePackets(long resolution, int linkType) {
        List<Captured> out = new ArrayList<>();
        long t = 1_795_253_888_611_094_123L;
        for (int i = 0; i < 12; i++) {
            byte[] data = new byte[i * 37 % 200 + 1];
            for (int j = 0; j < data.length; j++) {
                data[j] = (byte) (i * 7 + j);
            }
            long ts = (t + i * 1_234_567_891L) / resolution * resolution;
            out.add(new Captured(ts, data.length + i, linkType, data));
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "capture", ".bin");
        Files.write(file, bytes);
        return file;
    }

    private static List<Captured> readAll(Path file) {
        try (PcapFileSource source = PcapFileSource.open(file)) {
            return Captured.readAll(source);
        }
    }
}

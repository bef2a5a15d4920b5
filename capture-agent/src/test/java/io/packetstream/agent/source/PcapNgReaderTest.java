package io.packetstream.agent.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapNgReaderTest {

    private static final long T = 1_795_253_888L; // 2026-11-21T09:38:08Z in seconds
    private static final byte[] A = bytes(60, 1);
    private static final byte[] B = bytes(100, 2);
    private static final byte[] C = bytes(7, 3);

    @TempDir
    Path dir;

    @Test
    void readsSectionsOfBothByteOrdersEachWithItsOwnInterfaces() throws IOException {
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg()
                .section(LITTLE_ENDIAN)
                .interfaceBlock(1, 0, 9, null)            // if 0: Ethernet, nanoseconds
                .interfaceBlock(113, 262144, -1, null)    // if 1: Linux SLL, default microseconds
                .block(4, new byte[]{1, 0, 4, 0, 127, 0, 0, 1, 0, 0, 0, 0})  // name resolution
                .enhanced(0, T * 1_000_000_000L + 611_094_123, 1514, A, true)
                .block(0x0BAD, new byte[16])              // custom block
                .enhanced(1, T * 1_000_000L + 611_095, 100, B, false)
                .block(5, new byte[20])                   // interface statistics
                .block(10, new byte[24])                  // decryption secrets
                .block(0x7777, new byte[4])               // unknown
                .section(BIG_ENDIAN)                      // interface ids start again
                .interfaceBlock(101, 0, 3, 100L)          // if 0: raw IP, milliseconds, +100 s
                .enhanced(0, T * 1000 + 612, 60, A, false)
                .obsolete(0, T * 1000 + 613, 7, C);
        List<Captured> packets = read(ng.bytes());
        assertEquals(List.of(
                new Captured(T * 1_000_000_000L + 611_094_123, 1514, 1, A),
                new Captured(T * 1_000_000_000L + 611_095_000, 100, 113, B),
                new Captured((T + 100) * 1_000_000_000L + 612_000_000, 60, 101, A),
                new Captured((T + 100) * 1_000_000_000L + 613_000_000, 7, 101, C)), packets);
    }

    @Test
    void convertsDecimalAndPowerOfTwoResolutionsExactly() throws IOException {
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(BIG_ENDIAN)
                .interfaceBlock(1, 0, 0x8A, null)         // 2^-10 s
                .interfaceBlock(1, 0, 0x94, null)         // 2^-20 s
                .interfaceBlock(1, 0, 0xA0, -2L)          // 2^-32 s, -2 s
                .interfaceBlock(1, 0, 0, null)            // seconds
                .interfaceBlock(1, 0, 10, null)           // 10^-10 s: 2026 needs all 64 bits, unsigned
                .enhanced(0, T * 1024 + 512, 7, C, false)
                .enhanced(1, (T << 20) + 1, 7, C, false)
                .enhanced(2, (T << 32) + (1L << 31) + 3, 7, C, false)
                .enhanced(3, T, 7, C, false)
                .enhanced(4, T * 10_000_000_000L + 1_234_567, 7, C, false);
        List<Long> times = read(ng.bytes()).stream().map(Captured::timestampNanos).toList();
        assertEquals(List.of(
                T * 1_000_000_000L + 500_000_000,
                T * 1_000_000_000L + 953,                 // 10^9 / 2^20 = 953.67 → 953
                (T - 2) * 1_000_000_000L + 500_000_000,   // 3 units of 2^-32 s are below a nanosecond
                T * 1_000_000_000L,
                T * 1_000_000_000L + 123_456), times);
    }

    @Test
    void simplePacketIsCutToTheFirstInterfacesSnaplenAndKeepsThePreviousTime() throws IOException {
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN)
                .interfaceBlock(1, 64, 9, null)
                .enhanced(0, 42, 60, A, false)
                .simple(100, Arrays.copyOf(B, 64))        // snaplen 64 of 100 bytes on the wire
                .simple(7, C);
        List<Captured> packets = read(ng.bytes());
        assertEquals(List.of(new Captured(42, 60, 1, A), new Captured(42, 100, 1, Arrays.copyOf(B, 64)),
                new Captured(42, 7, 1, C)), packets);
    }

    @Test
    void packetsBeyondTheInterfaceSnaplenAreReadWhole() throws IOException {
        byte[] big = bytes(70_001, 4);
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN)
                .interfaceBlock(1, 64, 9, null)           // if 0: snaplen 64
                .interfaceBlock(1, 65_535, 9, null)       // if 1: the usual 65535
                .enhanced(1, 42, 70_001, big, false)      // a GRO frame over 64 KiB
                .simple(100, B)                           // 100 bytes under snaplen 64: more than padding
                .obsolete(0, 43, 81, bytes(81, 5));
        assertEquals(List.of(new Captured(42, 70_001, 1, big), new Captured(42, 100, 1, B),
                new Captured(43, 81, 1, bytes(81, 5))), read(ng.bytes()));
    }

    @Test
    void damagedBlocksEndTheFileAfterThePacketsBeforeThem() throws IOException {
        CaptureBytes.PcapNg good = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN).interfaceBlock(1, 80, 9, null)
                .enhanced(0, 1, 60, A, false);
        int goodLength = good.bytes().length;
        assertDamage(copy(good).enhanced(3, 2, 60, A, false), FileDamage.Kind.CORRUPT, goodLength, "undefined interface 3");
        assertDamage(copy(good).enhancedClaiming(0, 262_145, bytes(84, 9)), FileDamage.Kind.CORRUPT, goodLength,
                "captured length 262145 exceeds the limit of 262144");
        assertDamage(copy(good).enhanced(0, 2, 59, A, false), FileDamage.Kind.CORRUPT, goodLength,
                "original length 59 is smaller than the captured length 60");
        assertDamage(copy(good).enhancedClaiming(0, 77, bytes(8, 9)), FileDamage.Kind.CORRUPT, goodLength,
                "does not fit its");
        assertDamage(copy(good).raw(block(LITTLE_ENDIAN, 6, 30, 30)), FileDamage.Kind.CORRUPT, goodLength,
                "not a multiple of 4");
        assertDamage(copy(good).raw(block(LITTLE_ENDIAN, 6, 32, 36)), FileDamage.Kind.CORRUPT, goodLength,
                "does not match its trailing copy 36");
        byte[] cut = new CaptureBytes.PcapNg().raw(good.bytes()).enhanced(0, 2, 60, A, false).bytes();
        assertDamage(new CaptureBytes.PcapNg().raw(Arrays.copyOf(cut, cut.length - 5)), FileDamage.Kind.TRUNCATED,
                goodLength, "file truncated after 1 packets");
        assertDamage(copy(good).raw(new byte[]{6, 0, 0, 0, 32}), FileDamage.Kind.TRUNCATED, goodLength, "truncated");
        byte[] badMagic = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN).bytes();
        badMagic[8] = 0x11;
        assertDamage(copy(good).raw(badMagic), FileDamage.Kind.CORRUPT, goodLength, "byte-order magic");
        byte[] version2 = new CaptureBytes.PcapNg().section(BIG_ENDIAN).bytes();
        version2[13] = 2;
        assertDamage(copy(good).raw(version2), FileDamage.Kind.CORRUPT, goodLength, "pcapng version 2 is not supported");
    }

    @Test
    void smallWindowsReadMultiSectionFilesIdentically() throws IOException {
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(BIG_ENDIAN).interfaceBlock(1, 0, 9, null);
        for (int i = 0; i < 50; i++) {
            ng.enhanced(0, i, 90 + i, bytes(i * 13 % 90 + 1, i), i % 3 == 0);
            if (i % 17 == 0) {
                ng.section(i % 2 == 0 ? LITTLE_ENDIAN : BIG_ENDIAN).interfaceBlock(i, 0, 9, null);
            }
        }
        Path file = write(ng.bytes());
        List<Captured> whole;
        try (PcapFileSource source = PcapFileSource.open(file)) {
            whole = Captured.readAll(source);
            assertEquals(50, whole.size());
            assertTrue(source.format().contains("4 sections"), source.format());
        }
        for (int window : new int[]{16, 33, 128}) {
            try (PcapFileSource source = PcapFileSource.open(file, window)) {
                assertEquals(whole, Captured.readAll(source), "window " + window);
            }
        }
    }

    @Test
    void anAbsurdTimeResolutionIsACorruptInterfaceOfWhichNothingIsRead() throws IOException {
        for (int tsresol : new int[]{0x7F, 0xFF, 0x0D, 0xA9}) { // 10^-127, 2^-127, 10^-13, 2^-41 s
            CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN)
                    .interfaceBlock(1, 0, 9, null)
                    .enhanced(0, 1, 60, A, false);
            long offset = ng.bytes().length;
            ng.interfaceBlock(1, 0, tsresol, null).enhanced(1, T, 100, B, false).enhanced(0, 2, 60, A, false);
            assertDamage(ng, FileDamage.Kind.CORRUPT, offset,
                    String.format("interface 1: if_tsresol 0x%02x", tsresol));
        }
        CaptureBytes.PcapNg offset = new CaptureBytes.PcapNg().section(BIG_ENDIAN)
                .interfaceBlock(1, 0, 9, null).enhanced(0, 1, 60, A, false);
        long at = offset.bytes().length;
        offset.interfaceBlock(1, 0, 9, 1L << 40).enhanced(1, T, 100, B, false);
        assertDamage(offset, FileDamage.Kind.CORRUPT, at, "if_tsoffset 1099511627776 s");
    }

    @Test
    void theFinestResolutionsRealToolsWriteAreAccepted() throws IOException {
        CaptureBytes.PcapNg ng = new CaptureBytes.PcapNg().section(LITTLE_ENDIAN)
                .interfaceBlock(1, 0, 12, null)           // picoseconds
                .interfaceBlock(1, 0, 0xA8, null)         // 2^-40 s
                .enhanced(0, 5_000_000, 60, A, false)    // 5 µs in picoseconds
                .enhanced(1, 3L << 39, 60, A, false);     // 1.5 s in 2^-40 s
        assertEquals(List.of(5_000L, 1_500_000_000L),
                read(ng.bytes()).stream().map(Captured::timestampNanos).toList());
    }

    private void assertDamage(CaptureBytes.PcapNg ng, FileDamage.Kind kind, long offset, String message) throws IOException {
        try (PcapFileSource source = PcapFileSource.open(write(ng.bytes()))) {
            assertEquals(List.of(new Captured(1, 60, 1, A)), Captured.readAll(source));
            FileDamage damage = source.damage().orElseThrow();
            assertEquals(kind, damage.kind(), damage.message());
            assertEquals(offset, damage.offset(), damage.message());
            assertTrue(damage.message().contains(message), damage.message());
            if (kind == FileDamage.Kind.CORRUPT) {
                assertTrue(damage.message().startsWith("corrupt record at byte offset " + offset), damage.message());
            }
        }
    }

    private static CaptureBytes.PcapNg copy(CaptureBytes.PcapNg ng) {
        return new CaptureBytes.PcapNg().raw(ng.bytes());
    }

    /** A block header and trailer with the given lengths around zero bytes. */
    private static byte[] block(ByteOrder order, int type, int length, int trailer) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.max(length, 12)).order(order);
        b.putInt(type).putInt(length);
        b.putInt(b.capacity() - 4, trailer);
        return b.array();
    }

    private List<Captured> read(byte[] file) throws IOException {
        try (PcapFileSource source = PcapFileSource.open(write(file))) {
            List<Captured> packets = Captured.readAll(source);
            assertTrue(source.damage().isEmpty(), () -> source.damage().get().message());
            return packets;
        }
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "capture", ".pcapng");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}

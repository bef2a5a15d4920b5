package io.packetstream.agent.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapWriterTest {

    @TempDir
    Path dir;

    @Test
    void writtenPacketsReadBackExactlyWithNanosecondTimestamps() {
        List<Captured> packets = packets(5_000);
        Path file = dir.resolve("nano.pcap");
        try (PcapWriter writer = PcapWriter.create(file, 1, true)) {
            for (Captured p : packets) {
                writer.write(p.timestampNanos(), p.originalLength(), p.data(), 0, p.data().length);
            }
            assertEquals(5_000, writer.packets());
        }
        try (PcapFileSource source = PcapFileSource.open(file)) {
            assertEquals(packets, Captured.readAll(source));
            assertTrue(source.damage().isEmpty());
        }
    }

    @Test
    void microsecondFilesKeepWholeMicroseconds() {
        Path file = dir.resolve("micro.pcap");
        byte[] frame = {1, 2, 3, 4};
        try (PcapWriter writer = PcapWriter.create(file, 228, false)) {
            writer.write(1_795_253_888_611_094_999L, 60, frame, 1, 2);
        }
        try (PcapFileSource source = PcapFileSource.open(file)) {
            assertEquals(List.of(new Captured(1_795_253_888_611_094_000L, 60, 228, new byte[]{2, 3})),
                    Captured.readAll(source));
        }
    }

    @Test
    void rejectsImpossiblePackets() {
        try (PcapWriter writer = PcapWriter.create(dir.resolve("x.pcap"), 1, true)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(0, 1, new byte[4], 0, 4));
            assertThrows(IllegalArgumentException.class, () -> writer.write(-1, 4, new byte[4], 0, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> writer.write(0, 9, new byte[4], 2, 4));
        }
        assertThrows(IllegalArgumentException.class, () -> PcapWriter.create(dir.resolve("y.pcap"), 70_000, true));
    }

    /** Packets of up to 9000 bytes, so the writer's buffer fills and drains many times. */
    static List<Captured> packets(int n) {
        List<Captured> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[(i * 7919) % 9000 + 1];
            for (int j = 0; j < data.length; j += 97) {
                data[j] = (byte) (i + j);
            }
            out.add(new Captured(1_795_253_888_000_000_000L + i * 1_000_003L, data.length + i % 3, 1, data));
        }
        return out;
    }
}

package io.packetstream.core.record;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketBatchTest {

    @Test
    void packetsSurviveTheRoundTripExactly() {
        Random random = new Random(7);
        PacketBatchWriter writer = new PacketBatchWriter(16);
        byte[][] frames = new byte[300][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new byte[random.nextInt(1600)];
            random.nextBytes(frames[i]);
            writer.append(1_795_253_892_123_456_789L + i, frames[i].length + i, i % 3 == 0 ? 276 : 1, frames[i], 0,
                    frames[i].length);
        }
        List<PacketRecord> packets = PacketBatchReader.read(writer.toBytes());
        assertEquals(300, packets.size());
        for (int i = 0; i < frames.length; i++) {
            PacketRecord p = packets.get(i);
            assertEquals(1_795_253_892_123_456_789L + i, p.timestampNanos());
            assertEquals(frames[i].length + i, p.originalLength());
            assertEquals(i % 3 == 0 ? 276 : 1, p.linkType());
            assertArrayEquals(frames[i], Arrays.copyOfRange(p.data(), p.offset(), p.offset() + p.capturedLength()));
        }
    }

    @Test
    void resetStartsAnEmptyBatchWithTheSameBuffer() {
        PacketBatchWriter writer = new PacketBatchWriter(64);
        writer.append(1, 3, 1, new byte[]{1, 2, 3}, 0, 3);
        writer.reset();
        writer.append(2, 1, 1, new byte[]{9}, 0, 1);
        List<PacketRecord> packets = PacketBatchReader.read(writer.toBytes());
        assertEquals(1, packets.size());
        assertEquals(2, packets.get(0).timestampNanos());
    }

    @Test
    void anEmptyBatchReadsAsNoPackets() {
        assertEquals(List.of(), PacketBatchReader.read(new PacketBatchWriter(8).toBytes()));
    }

    @Test
    void rejectsAnotherVersionByName() {
        byte[] payload = new PacketBatchWriter(8).toBytes();
        payload[0] = 99;
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> PacketBatchReader.read(payload));
        assertEquals("unsupported record version 99 (this build reads version 1)", e.getMessage());
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        PacketBatchWriter writer = new PacketBatchWriter(8);
        writer.append(5, 60, 1, new byte[60], 0, 60);
        writer.append(6, 60, 1, new byte[40], 0, 40);
        byte[] payload = writer.toBytes();
        for (int cut = 0; cut < payload.length; cut++) {
            byte[] shorter = Arrays.copyOf(payload, cut);
            assertThrows(RecordFormatException.class, () -> PacketBatchReader.read(shorter), "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> PacketBatchReader.read(longer));
        assertTrue(e.getMessage().contains("after the last of 2 packets"), e.getMessage());
    }

    @Test
    void garbageNeverEscapesAsAnotherException() {
        Random random = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length > 0) {
                garbage[0] = 1;
            }
            try {
                PacketBatchReader.read(garbage);
            } catch (RecordFormatException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void packetIdsRoundTripAndRejectJunk() {
        PacketId id = new PacketId(3, "1795253888611-0", 12);
        assertEquals("3/1795253888611-0/12", id.toString());
        assertEquals(id, PacketId.parse(id.toString()));
        assertThrows(IllegalArgumentException.class, () -> PacketId.parse("1795253888611-0"));
        assertThrows(IllegalArgumentException.class, () -> PacketId.parse("a/1-0/1"));
    }
}

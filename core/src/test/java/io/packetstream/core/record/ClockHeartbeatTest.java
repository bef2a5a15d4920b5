package io.packetstream.core.record;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockHeartbeatTest {

    @Test
    void heartbeatIsTypeTwoThenTheClockBigEndian() {
        // written out by hand from the documented layout: u8 2, i64 ns big-endian
        byte[] expected = {2, 0x18, (byte) 0xE9, 0x1F, (byte) 0xB4, 0x72, (byte) 0xC7, (byte) 0xCD, 0x15};
        assertArrayEquals(expected, ClockHeartbeat.encode(0x18E91FB472C7CD15L));
        assertEquals(OptionalLong.of(0x18E91FB472C7CD15L), ClockHeartbeat.read(expected));
    }

    @Test
    void packetBatchIsNoHeartbeatAndHeartbeatIsNoPacketBatch() {
        PacketBatchWriter writer = new PacketBatchWriter(64);
        writer.append(1L, 1, 1, new byte[1], 0, 1);
        assertTrue(ClockHeartbeat.read(writer.toBytes()).isEmpty());
        RecordFormatException e = assertThrows(RecordFormatException.class,
                () -> PacketBatchReader.read(ClockHeartbeat.encode(5)));
        assertTrue(e.getMessage().contains("unsupported record version 2"), e.getMessage());
    }

    @Test
    void truncatedHeartbeatIsRefused() {
        assertThrows(RecordFormatException.class, () -> ClockHeartbeat.read(new byte[]{2, 0, 0}));
    }
}

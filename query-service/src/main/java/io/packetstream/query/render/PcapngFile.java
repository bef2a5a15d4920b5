package io.packetstream.query.render;

import java.nio.ByteBuffer;

/**
 * The pcapng blocks needed to stream packets of several link types, written big-endian: a section header, one
 * interface description per link type (with nanosecond timestamps, {@code if_tsresol = 9}), and an enhanced packet
 * block per packet. An interface description may come anywhere before the first packet that names it, so a
 * stream can add link types as they appear.
 */
final class PcapngFile {

    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 0x00000001;
    private static final int ENHANCED_PACKET = 0x00000006;
    private static final short IF_TSRESOL = 9;

    private PcapngFile() {
    }

    static byte[] sectionHeader() {
        return ByteBuffer.allocate(28)
                .putInt(SECTION_HEADER).putInt(28)
                .putInt(BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0) // version 1.0
                .putLong(-1L) // section length unknown: streamed
                .putInt(28)
                .array();
    }

    static byte[] interfaceDescription(int linkType) {
        int length = 20 + 8 + 4;
        return ByteBuffer.allocate(length)
                .putInt(INTERFACE_DESCRIPTION).putInt(length)
                .putShort((short) linkType).putShort((short) 0)
                .putInt(PcapFile.SNAPLEN)
                .putShort(IF_TSRESOL).putShort((short) 1).put((byte) 9).put(new byte[3]) // nanoseconds
                .putShort((short) 0).putShort((short) 0) // opt_endofopt
                .putInt(length)
                .array();
    }

    static byte[] enhancedPacket(int interfaceId, long timeNanos, byte[] frame, int originalLength) {
        int padded = (frame.length + 3) & ~3;
        int length = 32 + padded;
        return ByteBuffer.allocate(length)
                .putInt(ENHANCED_PACKET).putInt(length)
                .putInt(interfaceId)
                .putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos)
                .putInt(frame.length)
                .putInt(Math.max(originalLength, frame.length))
                .put(frame).put(new byte[padded - frame.length])
                .putInt(length)
                .array();
    }
}

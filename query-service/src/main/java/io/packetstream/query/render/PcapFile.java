package io.packetstream.query.render;

import io.packetstream.core.time.CaptureTime;

import java.nio.ByteBuffer;

/**
 * The classic pcap format with nanosecond timestamps (magic {@code a1b23c4d}), written big-endian: a 24-byte file
 * header naming one link type, then one 16-byte record header plus the captured bytes per packet.
 */
final class PcapFile {

    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    /** The largest snapshot length Wireshark accepts without complaint. */
    static final int SNAPLEN = 262_144;

    private PcapFile() {
    }

    static byte[] header(int linkType) {
        return ByteBuffer.allocate(24)
                .putInt(MAGIC_NANOSECONDS)
                .putShort((short) 2).putShort((short) 4) // version 2.4
                .putInt(0) // thiszone: UTC
                .putInt(0) // sigfigs
                .putInt(SNAPLEN)
                .putInt(linkType)
                .array();
    }

    static byte[] record(long timeNanos, byte[] frame, int originalLength) {
        return ByteBuffer.allocate(16 + frame.length)
                .putInt((int) CaptureTime.epochSecond(timeNanos))
                .putInt(CaptureTime.nanoOfSecond(timeNanos))
                .putInt(frame.length)
                .putInt(Math.max(originalLength, frame.length))
                .put(frame)
                .array();
    }
}

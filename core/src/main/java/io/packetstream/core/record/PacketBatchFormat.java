package io.packetstream.core.record;

/**
 * The binary layout of a stream entry's packet payload, version 1:
 * <pre>
 *   u8      version (1)
 *   varint  packet count
 *   per packet: i64 capture time (ns since epoch, big-endian), varint original length,
 *               varint captured length, varint link type, captured bytes
 * </pre>
 * Varints are unsigned LEB128. The first byte is the record's type and version: 1 is this packet batch,
 * {@value ClockHeartbeat#TYPE} a {@link ClockHeartbeat}; readers refuse any other.
 */
final class PacketBatchFormat {

    static final byte VERSION = 1;
    static final int MAX_VARINT = 5;

    private PacketBatchFormat() {
    }

    static int writeLong(byte[] b, int p, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            b[p++] = (byte) (v >>> shift);
        }
        return p;
    }

    static long readLong(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }

    static int writeVarint(byte[] b, int p, int v) {
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }
}

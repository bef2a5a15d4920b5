package io.packetstream.core.decode;

/**
 * Reads unsigned big- and little-endian fields out of a frame. Callers check the bounds first, so a
 * read never leaves the captured bytes.
 */
final class FrameBytes {

    private FrameBytes() {
    }

    static int u8(byte[] frame, int at) {
        return frame[at] & 0xFF;
    }

    static int u16(byte[] frame, int at) {
        return (frame[at] & 0xFF) << 8 | frame[at + 1] & 0xFF;
    }

    /** @return the 32-bit field in network byte order, as a long so it stays unsigned */
    static long u32(byte[] frame, int at) {
        return (long) u16(frame, at) << 16 | u16(frame, at + 2);
    }

    /** @return the 32-bit field in little-endian byte order, as a long so it stays unsigned */
    static long u32LittleEndian(byte[] frame, int at) {
        return (long) u16LittleEndian(frame, at + 2) << 16 | u16LittleEndian(frame, at);
    }

    private static int u16LittleEndian(byte[] frame, int at) {
        return (frame[at + 1] & 0xFF) << 8 | frame[at] & 0xFF;
    }

    static MalformedPacketException truncated(String message) {
        return new MalformedPacketException(MalformedPacketException.Reason.TRUNCATED, message);
    }

    static MalformedPacketException badHeader(String message) {
        return new MalformedPacketException(MalformedPacketException.Reason.BAD_HEADER, message);
    }
}

package io.packetstream.core.index;

/**
 * Q1 value: the first and last nanosecond-of-second at which a connection sent a packet within one epoch second,
 * as two big-endian u32. With both ends of every second, "a packet in (t − 1 s, t]" is answered exactly from the
 * two seconds the window touches.
 *
 * @param firstNano earliest packet, nanoseconds into the second
 * @param lastNano  latest packet, nanoseconds into the second
 */
public record ActiveWindow(int firstNano, int lastNano) {

    public ActiveWindow {
        if (firstNano < 0 || lastNano < firstNano || lastNano >= 1_000_000_000) {
            throw new IllegalArgumentException("bad window " + firstNano + ".." + lastNano);
        }
    }

    public byte[] encode() {
        return new byte[]{
                (byte) (firstNano >>> 24), (byte) (firstNano >>> 16), (byte) (firstNano >>> 8), (byte) firstNano,
                (byte) (lastNano >>> 24), (byte) (lastNano >>> 16), (byte) (lastNano >>> 8), (byte) lastNano};
    }

    /** @throws IllegalArgumentException when the value is not 8 bytes */
    public static ActiveWindow decode(byte[] value) {
        if (value.length != 8) {
            throw new IllegalArgumentException("active-connection value must have 8 bytes, had " + value.length);
        }
        return new ActiveWindow(u32(value, 0), u32(value, 4));
    }

    private static int u32(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** @return the wider window covering both */
    public ActiveWindow merge(ActiveWindow other) {
        return new ActiveWindow(Math.min(firstNano, other.firstNano), Math.max(lastNano, other.lastNano));
    }
}

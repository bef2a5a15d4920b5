package io.packetstream.core.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * Appends packets into one binary stream-entry payload (format version {@value PacketBatchFormat#VERSION}).
 *
 * <p>Reused across batches: {@link #reset()} keeps the buffer, so steady-state appends allocate nothing.
 * Not thread-safe.
 */
public final class PacketBatchWriter {

    private byte[] buffer;
    private int position;
    private int count;

    /** @param initialCapacity bytes to reserve up front, must be positive */
    public PacketBatchWriter(int initialCapacity) {
        if (initialCapacity <= 0) {
            throw new IllegalArgumentException("initialCapacity must be positive, was " + initialCapacity);
        }
        buffer = new byte[initialCapacity];
        reset();
    }

    /**
     * Appends one packet, copying its captured bytes.
     *
     * @param frame the array holding the frame; never {@code null}
     */
    public void append(long timestampNanos, int originalLength, int linkType, byte[] frame, int offset, int capturedLength) {
        Objects.requireNonNull(frame, "frame");
        ensure(8 + 3 * PacketBatchFormat.MAX_VARINT + capturedLength);
        position = PacketBatchFormat.writeLong(buffer, position, timestampNanos);
        position = PacketBatchFormat.writeVarint(buffer, position, originalLength);
        position = PacketBatchFormat.writeVarint(buffer, position, capturedLength);
        position = PacketBatchFormat.writeVarint(buffer, position, linkType);
        System.arraycopy(frame, offset, buffer, position, capturedLength);
        position += capturedLength;
        count++;
    }

    /** @return packets appended since the last reset */
    public int count() {
        return count;
    }

    /** @return bytes the payload would have now */
    public int size() {
        return position;
    }

    /** @return the payload: version byte, packet count, then the packets; a fresh array */
    public byte[] toBytes() {
        byte[] out = new byte[position + PacketBatchFormat.MAX_VARINT];
        out[0] = PacketBatchFormat.VERSION;
        int p = PacketBatchFormat.writeVarint(out, 1, count);
        int bodyStart = 1;
        System.arraycopy(buffer, bodyStart, out, p, position - bodyStart);
        return Arrays.copyOf(out, p + position - bodyStart);
    }

    /** Empties the batch, keeping its buffer. */
    public void reset() {
        position = 1; // the version byte is written by toBytes, the count after it
        count = 0;
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}

package io.packetstream.core.record;

import java.util.Objects;

/**
 * One captured packet as it travels on a stream: a view into the bytes of its batch (no copy).
 *
 * @param timestampNanos capture time, nanoseconds since the epoch (from the capture, never a wall clock)
 * @param originalLength length of the frame on the wire
 * @param linkType       LINKTYPE_ number of the frame
 * @param data           the array holding the frame (shared with the batch; do not modify)
 * @param offset         where the frame starts in {@code data}
 * @param capturedLength how many bytes of the frame were captured
 */
public record PacketRecord(long timestampNanos, int originalLength, int linkType,
                           byte[] data, int offset, int capturedLength) {

    public PacketRecord {
        Objects.requireNonNull(data, "data");
        if (offset < 0 || capturedLength < 0 || offset + capturedLength > data.length) {
            throw new IllegalArgumentException("frame [" + offset + ", +" + capturedLength + ") outside the "
                    + data.length + "-byte buffer");
        }
    }
}

package io.packetstream.agent.source;

/**
 * Receives packets from a {@link PacketSource}. The frame array is a view owned by the source: it is valid only
 * during the call, so a sink that keeps the bytes copies them. Nothing is allocated per packet on this path.
 */
@FunctionalInterface
public interface PacketSink {

    /**
     * @param timestampNanos capture time, nanoseconds since the epoch, as recorded by the capture
     * @param originalLength length of the frame on the wire
     * @param linkType       LINKTYPE_ number of the frame (passed through, never interpreted here)
     * @param frame          array holding the captured bytes; never {@code null}, do not keep
     * @param offset         where the frame starts in {@code frame}
     * @param capturedLength captured bytes, at most {@link PacketSource#MAX_CAPTURED_LENGTH}
     */
    void accept(long timestampNanos, int originalLength, int linkType, byte[] frame, int offset, int capturedLength);
}

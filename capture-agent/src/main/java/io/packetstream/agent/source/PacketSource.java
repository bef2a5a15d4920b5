package io.packetstream.agent.source;

/**
 * Where packets come from: a capture file or a live interface. Pull-based: the caller decides how many packets
 * it takes per call and runs the source on a thread of its own (never an event loop), so pacing, backpressure
 * and stopping stay with the caller.
 */
public interface PacketSource extends AutoCloseable {

    /** Largest captured length accepted (256 KiB, libpcap's maximum snapshot length). */
    int MAX_CAPTURED_LENGTH = 262_144;

    /**
     * Hands up to {@code max} packets to {@code sink}, in capture order.
     *
     * @param sink receives each packet; never {@code null}
     * @param max  most packets to deliver in this call, at least 1
     * @return packets delivered; 0 when none arrived in time (live); -1 once the source has ended
     */
    int poll(PacketSink sink, int max);

    /** @return what the source reads, e.g. a file path or an interface name, for logs */
    String name();

    /** @return the fraction of the source read so far, 0 to 1, or NaN when it has no end (live capture) */
    default double progress() {
        return Double.NaN;
    }

    /** Releases the file or the capture handle. */
    @Override
    void close();
}

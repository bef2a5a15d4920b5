package io.packetstream.core.decode;

import java.util.Optional;

/**
 * Decodes a captured frame from its link layer down to the transport header.
 *
 * <p>Stateless and thread-safe. Reads the frame in place; allocates only the returned packet.
 */
public final class PacketDecoder {

    private PacketDecoder() {
    }

    /**
     * @param linkType       the LINKTYPE_ number the frame was captured with
     * @param frame          the captured bytes; never {@code null}
     * @param offset         where the frame starts in {@code frame}
     * @param capturedLength how many bytes were captured
     * @return the IP packet, or empty for a well-formed frame that carries no IP (ARP, LLDP, …)
     * @throws MalformedPacketException for an unknown link type, or a frame too short or inconsistent
     *                                  to hold the IP header it announces
     */
    public static Optional<IpPacket> decode(int linkType, byte[] frame, int offset, int capturedLength) {
        throw new UnsupportedOperationException("being written");
    }
}

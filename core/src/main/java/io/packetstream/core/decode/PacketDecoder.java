package io.packetstream.core.decode;

import java.util.Objects;
import java.util.Optional;

import static io.packetstream.core.decode.FrameBytes.badHeader;
import static io.packetstream.core.decode.FrameBytes.truncated;

/**
 * Decodes a captured frame from its link layer down to the transport header.
 *
 * <p>Stateless and thread-safe. Reads the frame in place; allocates only the returned packet.
 * Whatever the bytes, the only exception it throws for them is {@link MalformedPacketException}.
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
     * @throws IllegalArgumentException if {@code offset} and {@code capturedLength} do not lie inside
     *                                  {@code frame}
     */
    public static Optional<IpPacket> decode(int linkType, byte[] frame, int offset, int capturedLength) {
        Objects.requireNonNull(frame, "frame");
        if (offset < 0 || capturedLength < 0 || capturedLength > frame.length - offset) {
            throw new IllegalArgumentException("offset " + offset + " and capturedLength " + capturedLength
                    + " do not lie inside a frame array of " + frame.length + " bytes");
        }
        int end = offset + capturedLength;
        long located = LinkLayer.locateIp(linkType, frame, offset, end);
        if (located == LinkLayer.NOT_IP) {
            return Optional.empty();
        }
        int ip = LinkLayer.ipOffset(located);
        if (ip >= end) {
            throw truncated("the link layer announces IP but no IP header was captured");
        }
        int version = FrameBytes.u8(frame, ip) >>> 4;
        int announced = LinkLayer.announcedVersion(located);
        if (announced != LinkLayer.ANY_VERSION && version != announced) {
            throw badHeader("the link layer announces IPv" + announced + " but the header says version " + version);
        }
        return switch (version) {
            case 4 -> Optional.of(Ipv4Header.decode(frame, ip, end));
            case 6 -> Optional.of(Ipv6Header.decode(frame, ip, end));
            default -> throw badHeader("IP version " + version + " is neither 4 nor 6");
        };
    }
}

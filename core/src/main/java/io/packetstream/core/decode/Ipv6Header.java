package io.packetstream.core.decode;

import static io.packetstream.core.decode.FrameBytes.truncated;
import static io.packetstream.core.decode.FrameBytes.u16;
import static io.packetstream.core.decode.FrameBytes.u8;

/**
 * Decodes an IPv6 header and walks its extension headers (hop-by-hop, routing, fragment,
 * destination options, AH) to the transport protocol. ESP and "no next header" end the walk.
 */
final class Ipv6Header {

    static final int LENGTH = 40;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int AUTHENTICATION = 51;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int FRAGMENT_HEADER_LENGTH = 8;

    private Ipv6Header() {
    }

    /**
     * @param ip  where the IPv6 header starts (its version nibble already checked)
     * @param end the first index after the captured bytes
     */
    static IpPacket decode(byte[] frame, int ip, int end) {
        int available = end - ip;
        if (available < LENGTH) {
            throw truncated("IPv6 header needs 40 bytes, " + available + " captured");
        }
        int payloadLength = u16(frame, ip + 4);
        // Payload length 0 is a jumbogram (hop-by-hop jumbo option) or a Linux BIG TCP packet:
        // only the capture bounds it. Otherwise it excludes link-layer padding.
        int payloadEnd = payloadLength == 0 || payloadLength >= available - LENGTH ? end : ip + LENGTH + payloadLength;
        int next = u8(frame, ip + 6);
        int position = ip + LENGTH;
        boolean transportHeaderFollows = true;
        boolean walking = true;
        while (walking) {
            switch (next) {
                case HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS -> {
                    require(2, position, payloadEnd, end, next);
                    int length = (u8(frame, position + 1) + 1) * 8;
                    require(length, position, payloadEnd, end, next);
                    next = u8(frame, position);
                    position += length;
                }
                case AUTHENTICATION -> {
                    require(2, position, payloadEnd, end, next);
                    int length = (u8(frame, position + 1) + 2) * 4;
                    require(length, position, payloadEnd, end, next);
                    next = u8(frame, position);
                    position += length;
                }
                case FRAGMENT -> {
                    require(FRAGMENT_HEADER_LENGTH, position, payloadEnd, end, next);
                    // Behind a non-first fragment lies the middle of the datagram, not a header.
                    transportHeaderFollows = u16(frame, position + 2) >>> 3 == 0;
                    walking = transportHeaderFollows;
                    next = u8(frame, position);
                    position += FRAGMENT_HEADER_LENGTH;
                }
                default -> walking = false; // a transport, ESP (50) or no next header (59)
            }
        }
        return TransportHeader.decode(frame, ip + 8, 16, next, position, payloadEnd, transportHeaderFollows);
    }

    private static void require(int length, int position, int payloadEnd, int end, int header) {
        if (length > payloadEnd - position) {
            throw new MalformedPacketException(
                    length > end - position ? MalformedPacketException.Reason.TRUNCATED
                            : MalformedPacketException.Reason.BAD_HEADER,
                    "IPv6 extension header " + header + " at byte " + position + " needs " + length
                            + " bytes, the packet has " + (payloadEnd - position) + " left");
        }
    }
}

package io.packetstream.core.decode;

import static io.packetstream.core.decode.FrameBytes.badHeader;
import static io.packetstream.core.decode.FrameBytes.truncated;
import static io.packetstream.core.decode.FrameBytes.u16;
import static io.packetstream.core.decode.FrameBytes.u8;

/**
 * Decodes an IPv4 header: skips options, bounds the payload by the total length and the capture,
 * and keeps non-first fragments away from the transport decoder.
 */
final class Ipv4Header {

    static final int MIN_LENGTH = 20;

    private Ipv4Header() {
    }

    /**
     * @param ip  where the IPv4 header starts (its version nibble already checked)
     * @param end the first index after the captured bytes
     */
    static IpPacket decode(byte[] frame, int ip, int end) {
        int available = end - ip;
        if (available < MIN_LENGTH) {
            throw truncated("IPv4 header needs 20 bytes, " + available + " captured");
        }
        int headerLength = (u8(frame, ip) & 0x0F) * 4;
        if (headerLength < MIN_LENGTH) {
            throw badHeader("IPv4 header length " + headerLength + " is below 20");
        }
        if (headerLength > available) {
            throw truncated("IPv4 options cut short: header of " + headerLength + " bytes, " + available + " captured");
        }
        int totalLength = u16(frame, ip + 2);
        int payloadEnd;
        if (totalLength == 0) {
            // Segmentation offload (TSO, Linux BIG TCP) hands the capture one packet larger than
            // 64 KiB with no total length; as with an IPv6 jumbogram, the capture is the bound.
            payloadEnd = end;
        } else if (totalLength < headerLength) {
            throw badHeader("IPv4 total length " + totalLength + " is below the header length " + headerLength);
        } else {
            // A snaplen shorter than the packet is normal: the captured bytes bound the payload.
            // A total length shorter than the capture excludes the link layer's padding.
            payloadEnd = totalLength < available ? ip + totalLength : end;
        }
        boolean laterFragment = (u16(frame, ip + 6) & 0x1FFF) != 0;
        return TransportHeader.decode(frame, ip + 12, 4, u8(frame, ip + 9), ip + headerLength, payloadEnd,
                !laterFragment);
    }
}

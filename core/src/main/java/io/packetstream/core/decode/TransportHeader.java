package io.packetstream.core.decode;

import io.packetstream.core.address.IpAddress;

import static io.packetstream.core.decode.FrameBytes.badHeader;
import static io.packetstream.core.decode.FrameBytes.u16;
import static io.packetstream.core.decode.FrameBytes.u8;

/**
 * Reads TCP and UDP ports, TCP flags, and where the transport payload lies; every other protocol's
 * payload is the IP payload. Builds the decoded packet, the only allocation of a decode.
 */
final class TransportHeader {

    private static final int TCP_MIN_LENGTH = 20;
    private static final int UDP_LENGTH = 8;

    private TransportHeader() {
    }

    /**
     * @param addressesAt            where the source address starts; the destination follows it
     * @param addressLength          4 or 16
     * @param start                  where the IP payload starts
     * @param payloadEnd             where the IP payload ends, already bounded by the capture
     * @param transportHeaderFollows false for non-first fragments
     */
    static IpPacket decode(byte[] frame, int addressesAt, int addressLength, int protocol, int start,
                           int payloadEnd, boolean transportHeaderFollows) {
        int available = payloadEnd - start;
        // A TCP or UDP header cut short (by the snaplen, or a tiny first fragment) still leaves a
        // packet between two hosts, so it is decoded without ports rather than rejected.
        if (transportHeaderFollows && protocol == IpPacket.TCP && available >= TCP_MIN_LENGTH) {
            int headerLength = (u8(frame, start + 12) >>> 4) * 4;
            if (headerLength < TCP_MIN_LENGTH) {
                throw badHeader("TCP data offset " + headerLength / 4 + " is below 5");
            }
            // Options cut short by the snaplen leave the ports and flags intact and no payload.
            int payloadStart = start + Math.min(headerLength, available);
            return new IpPacket(source(frame, addressesAt, addressLength),
                    destination(frame, addressesAt, addressLength), protocol, u16(frame, start),
                    u16(frame, start + 2), true, u8(frame, start + 13), payloadStart, payloadEnd - payloadStart);
        }
        if (transportHeaderFollows && protocol == IpPacket.UDP && available >= UDP_LENGTH) {
            int udpLength = u16(frame, start + 4);
            // UDP length 0 marks a jumbogram; other lengths below 8 say nothing usable either.
            int end = udpLength >= UDP_LENGTH && udpLength < available ? start + udpLength : payloadEnd;
            return new IpPacket(source(frame, addressesAt, addressLength),
                    destination(frame, addressesAt, addressLength), protocol, u16(frame, start),
                    u16(frame, start + 2), true, 0, start + UDP_LENGTH, end - start - UDP_LENGTH);
        }
        return new IpPacket(source(frame, addressesAt, addressLength), destination(frame, addressesAt, addressLength),
                protocol, 0, 0, false, 0, start, available);
    }

    private static IpAddress source(byte[] frame, int addressesAt, int addressLength) {
        return IpAddress.of(frame, addressesAt, addressLength);
    }

    private static IpAddress destination(byte[] frame, int addressesAt, int addressLength) {
        return IpAddress.of(frame, addressesAt + addressLength, addressLength);
    }
}

package io.packetstream.core.decode;

import io.packetstream.core.address.IpAddress;

import java.util.Objects;

/**
 * What packetstream knows of an IPv4 or IPv6 packet after decoding its frame.
 *
 * @param src             source address
 * @param dst             destination address
 * @param protocol        IP protocol number of the transport (after IPv6 extension headers)
 * @param srcPort         TCP/UDP source port, 0 when {@link #hasPorts()} is false
 * @param dstPort         TCP/UDP destination port, 0 when {@link #hasPorts()} is false
 * @param hasPorts        true when a complete fixed TCP or UDP header was decoded (false for other protocols,
 *                        non-first fragments and truncated transport headers)
 * @param tcpFlags        the TCP flags byte (FIN 0x01 … ACK 0x10), 0 for other protocols
 * @param payloadOffset   where the transport payload starts in the frame array (TCP or UDP payload,
 *                        else the IP payload)
 * @param payloadLength   bytes of that payload present in the frame: bounded by the IP/UDP lengths
 *                        (never link-layer padding) and by the captured bytes
 */
public record IpPacket(IpAddress src, IpAddress dst, int protocol, int srcPort, int dstPort,
                       boolean hasPorts, int tcpFlags, int payloadOffset, int payloadLength) {

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    public static final int TCP_SYN = 0x02;
    public static final int TCP_ACK = 0x10;

    public IpPacket {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
    }

    public boolean isTcp() {
        return protocol == TCP;
    }

    public boolean isUdp() {
        return protocol == UDP;
    }

    /** @return true for a TCP segment with SYN set and ACK clear: a connection attempt */
    public boolean isConnectionAttempt() {
        return protocol == TCP && hasPorts && (tcpFlags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
    }

    /** @return the protocol's API name: tcp, udp, icmp, icmpv6, else the decimal number */
    public String protocolName() {
        return protocolName(protocol);
    }

    /** @return the API name of an IP protocol number */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            default -> Integer.toString(protocol);
        };
    }
}

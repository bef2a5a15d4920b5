package io.packetstream.testsupport.frames;

import io.packetstream.core.address.IpAddress;

import java.util.Objects;

/**
 * Builds Ethernet II frames carrying IPv4 or IPv6 with TCP, UDP or ICMP, byte by byte, for tests and the benchmark
 * generator. Checksums are left zero: nothing in packetstream verifies them.
 */
public final class Frames {

    public static final int ETHERNET_HEADER = 14;
    public static final int TCP_HEADER = 20;
    public static final int UDP_HEADER = 8;

    private Frames() {
    }

    /** A TCP segment with the given flags (e.g. {@code 0x02} SYN, {@code 0x12} SYN-ACK, {@code 0x18} PSH-ACK). */
    public static byte[] tcp(IpAddress src, int srcPort, IpAddress dst, int dstPort, int flags, byte[] payload) {
        byte[] transport = new byte[TCP_HEADER + payload.length];
        port(transport, 0, srcPort);
        port(transport, 2, dstPort);
        transport[12] = 0x50; // data offset 5 words
        transport[13] = (byte) flags;
        transport[14] = (byte) 0xFF; // window
        System.arraycopy(payload, 0, transport, TCP_HEADER, payload.length);
        return ip(src, dst, 6, transport);
    }

    /** A UDP datagram. */
    public static byte[] udp(IpAddress src, int srcPort, IpAddress dst, int dstPort, byte[] payload) {
        byte[] transport = new byte[UDP_HEADER + payload.length];
        port(transport, 0, srcPort);
        port(transport, 2, dstPort);
        port(transport, 4, transport.length);
        System.arraycopy(payload, 0, transport, UDP_HEADER, payload.length);
        return ip(src, dst, 17, transport);
    }

    /** An ICMP (IPv4) or ICMPv6 echo request. */
    public static byte[] echoRequest(IpAddress src, IpAddress dst, byte[] payload) {
        byte[] message = new byte[8 + payload.length];
        message[0] = (byte) (src.isIpv4() ? 8 : 128);
        System.arraycopy(payload, 0, message, 8, payload.length);
        return ip(src, dst, src.isIpv4() ? 1 : 58, message);
    }

    /** @return the IP packet an Ethernet frame of this class carries: a frame of link type RAW (101) */
    public static byte[] rawIp(byte[] ethernetFrame) {
        return java.util.Arrays.copyOfRange(ethernetFrame, ETHERNET_HEADER, ethernetFrame.length);
    }

    /** An Ethernet frame carrying an IP packet with the given protocol and transport bytes. */
    public static byte[] ip(IpAddress src, IpAddress dst, int protocol, byte[] transport) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.length() != dst.length()) {
            throw new IllegalArgumentException("src and dst must both be IPv4 or both IPv6");
        }
        boolean v4 = src.isIpv4();
        int ipHeader = v4 ? 20 : 40;
        byte[] frame = new byte[ETHERNET_HEADER + ipHeader + transport.length];
        frame[0] = 0x02; // locally administered MACs
        frame[6] = 0x02;
        frame[5] = 1;
        frame[11] = 2;
        port(frame, 12, v4 ? 0x0800 : 0x86DD);
        int p = ETHERNET_HEADER;
        if (v4) {
            frame[p] = 0x45;
            port(frame, p + 2, ipHeader + transport.length);
            frame[p + 8] = 64;
            frame[p + 9] = (byte) protocol;
            src.writeTo(frame, p + 12);
            dst.writeTo(frame, p + 16);
        } else {
            frame[p] = 0x60;
            port(frame, p + 4, transport.length);
            frame[p + 6] = (byte) protocol;
            frame[p + 7] = 64;
            src.writeTo(frame, p + 8);
            dst.writeTo(frame, p + 24);
        }
        System.arraycopy(transport, 0, frame, p + ipHeader, transport.length);
        return frame;
    }

    private static void port(byte[] b, int p, int value) {
        b[p] = (byte) (value >>> 8);
        b[p + 1] = (byte) value;
    }
}

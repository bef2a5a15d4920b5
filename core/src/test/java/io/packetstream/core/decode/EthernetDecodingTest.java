package io.packetstream.core.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ethernet frames captured with tcpdump on a veth pair between two network namespaces
 * ({@code decode/ethernet.pcap}, described in the README next to it). Every expected line was read
 * from tshark for the same frame.
 */
class EthernetDecodingTest {

    private static final CaptureFile ETHERNET = CaptureFile.read("ethernet.pcap");

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ARP who-has 10.1.0.2: no IP
             1 | no IP
            # ping 10.1.0.2: the payload is the whole ICMP message
             2 | icmp 10.1.0.1 -> 10.1.0.2 payload=34+64
            # TCP handshake, 20 bytes of options each (tcp.hdr_len 40)
             3 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x02 payload=74+0
             4 | tcp 10.1.0.2:8080 -> 10.1.0.1:39444 flags=0x12 payload=74+0
            # data segments with timestamps (tcp.hdr_len 32): tcp.len 46 and 40
             5 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x18 payload=66+46
             6 | tcp 10.1.0.2:8080 -> 10.1.0.1:39444 flags=0x18 payload=66+40
            # UDP, udp.length 30
             7 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=42+22
            # ICMP port unreachable quoting the datagram of frame 7: still ICMP, no ports
             8 | icmp 10.1.0.2 -> 10.1.0.1 payload=34+58
            # a 3072-byte UDP datagram in IPv4 fragments: the first has the UDP header, the others do not
             9 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=42+1472
            10 | udp 10.1.0.1 -> 10.1.0.2 payload=34+1480
            11 | udp 10.1.0.1 -> 10.1.0.2 payload=34+120
            # ping -s 3000 in fragments
            12 | icmp 10.1.0.1 -> 10.1.0.2 payload=34+1480
            13 | icmp 10.1.0.1 -> 10.1.0.2 payload=34+1480
            14 | icmp 10.1.0.1 -> 10.1.0.2 payload=34+48
            # ICMPv6 neighbour solicitation to the solicited-node group
            15 | icmpv6 fd00::1 -> ff02::1:ff00:2 payload=54+32
            # IPv6 TCP SYN (tcp.hdr_len 40) and a data segment (tcp.len 20)
            16 | tcp [fd00::1]:56040 -> [fd00::2]:8081 flags=0x02 payload=94+0
            17 | tcp [fd00::1]:56040 -> [fd00::2]:8081 flags=0x18 payload=86+20
            # a 3072-byte UDP datagram in IPv6 fragments: 8-byte fragment header, then UDP only in the first
            18 | udp [fd00::1]:40001 -> [fd00::2]:9999 payload=70+1440
            19 | udp fd00::1 -> fd00::2 payload=62+1448
            20 | udp fd00::1 -> fd00::2 payload=62+184
            # 8-byte destination options, hop-by-hop options and routing headers before UDP
            21 | udp [fd00::1]:40002 -> [fd00::2]:9999 payload=70+7
            22 | udp [fd00::1]:40003 -> [fd00::2]:9999 payload=70+7
            23 | udp [fd00::1]:40004 -> [fd00::2]:9999 payload=70+8
            # AH with length 4, (4 + 2) * 4 = 24 bytes, before a TCP SYN
            24 | tcp [fd00::1]:40005 -> [fd00::2]:8080 flags=0x02 payload=98+0
            # ESP ends the walk: protocol 50, the payload is the ESP header and what follows
            25 | 50 fd00::1 -> fd00::2 payload=54+29
            26 | icmpv6 fd00::1 -> fd00::2 payload=54+64
            # MLDv2 report behind a hop-by-hop Router Alert
            27 | icmpv6 fe80::1c:4cff:fe31:8b3 -> ff02::16 payload=62+28
            # frame 3 in an 802.1Q tag (VID 100)
            28 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x02 payload=78+0
            # frame 2 in 802.1ad (VID 200) + 802.1Q (VID 300)
            29 | icmp 10.1.0.1 -> 10.1.0.2 payload=42+64
            # frame 7 in old-style QinQ 0x9100 (VID 400) + 802.1Q (VID 500)
            30 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=50+22
            # frame 16 in 802.1Q (VID 600)
            31 | tcp [fd00::1]:56040 -> [fd00::2]:8081 flags=0x02 payload=98+0
            # 60-byte frames: 16 and 6 bytes of padding are not payload
            32 | udp 10.1.0.1:40010 -> 10.1.0.2:9999 payload=42+2
            33 | tcp 10.1.0.2:9 -> 10.1.0.1:43488 flags=0x14 payload=54+0
            """)
    void decodesLikeTshark(int frame, String expected) {
        assertEquals(expected, ETHERNET.describe(frame));
    }

    @ParameterizedTest(name = "frame {0}")
    @CsvSource(delimiter = '|', textBlock = """
             5 | GET /packetstream HTTP/1.0\\r\\nHost: 10.1.0.2\\r\\n\\r\\n
             6 | HTTP/1.0 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok
             7 | packetstream udp probe
            17 | GET /v6 HTTP/1.0\\r\\n\\r\\n
            21 | dstopts
            22 | hopopts
            23 | routing!
            32 | hi
            """)
    void payloadIsExactlyTheApplicationBytes(int frame, String escaped) {
        byte[] bytes = ETHERNET.frame(frame);
        IpPacket packet = ETHERNET.decode(frame).orElseThrow();
        String payload = new String(bytes, packet.payloadOffset(), packet.payloadLength(), StandardCharsets.ISO_8859_1);
        assertEquals(escaped.replace("\\r\\n", "\r\n"), payload);
    }

    @Test
    void paddingUpToSixtyBytesIsNeverPayload() {
        byte[] frame = ETHERNET.frame(32);
        assertEquals(60, frame.length);
        IpPacket packet = ETHERNET.decode(32).orElseThrow();
        assertEquals(44, packet.payloadOffset() + packet.payloadLength(), "IPv4 total length 30 ends at byte 44");
        assertEquals(0, ETHERNET.decode(33).orElseThrow().payloadLength());
    }

    @Test
    void onlyASynWithoutAckIsAConnectionAttempt() {
        assertTrue(ETHERNET.decode(3).orElseThrow().isConnectionAttempt());
        assertTrue(ETHERNET.decode(28).orElseThrow().isConnectionAttempt());
        assertFalse(ETHERNET.decode(4).orElseThrow().isConnectionAttempt());
        assertFalse(ETHERNET.decode(5).orElseThrow().isConnectionAttempt());
    }

    @Test
    void nonFirstFragmentsHaveNoPortsEvenWhenTheirBytesLookLikeAHeader() {
        IpPacket middle = ETHERNET.decode(10).orElseThrow();
        assertFalse(middle.hasPorts());
        assertEquals(IpPacket.UDP, middle.protocol());
        IpPacket v6Last = ETHERNET.decode(20).orElseThrow();
        assertFalse(v6Last.hasPorts());
        assertEquals(IpPacket.UDP, v6Last.protocol());
    }

    // The frames below are edited copies of captured ones: no such frame crossed the veth pair.

    @Test
    void otherEthertypesAndLengthFramesCarryNoIp() {
        byte[] lldp = withEthertype(ETHERNET.frame(2), 0x88CC);
        assertTrue(PacketDecoder.decode(1, lldp, 0, lldp.length).isEmpty());
        byte[] llc = withEthertype(ETHERNET.frame(2), 84); // an 802.3 length, as in an LLC frame
        assertTrue(PacketDecoder.decode(1, llc, 0, llc.length).isEmpty());
        byte[] taggedArp = ETHERNET.frame(28);
        taggedArp[16] = 0x08;
        taggedArp[17] = 0x06;
        assertTrue(PacketDecoder.decode(1, taggedArp, 0, taggedArp.length).isEmpty());
    }

    @Test
    void anyNumberOfTagsIsSteppedOver() {
        byte[] syn = ETHERNET.frame(3);
        byte[] stacked = new byte[syn.length + 5 * 4];
        System.arraycopy(syn, 0, stacked, 0, 12);
        for (int tag = 0; tag < 5; tag++) {
            stacked[12 + tag * 4] = (byte) (tag % 2 == 0 ? 0x88 : 0x81);
            stacked[13 + tag * 4] = (byte) (tag % 2 == 0 ? 0xA8 : 0x00);
            stacked[15 + tag * 4] = (byte) tag;
        }
        System.arraycopy(syn, 12, stacked, 32, syn.length - 12);
        IpPacket packet = PacketDecoder.decode(1, stacked, 0, stacked.length).orElseThrow();
        assertEquals("tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x02 payload=94+0",
                CaptureFile.describe(packet, stacked, 0, stacked.length));
    }

    @Test
    void anEthertypeThatDisagreesWithTheIpVersionIsABadHeader() {
        byte[] v6AsV4 = withEthertype(ETHERNET.frame(16), 0x0800);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(1, v6AsV4, 0, v6AsV4.length));
        assertEquals(MalformedPacketException.Reason.BAD_HEADER, e.reason());
    }

    @Test
    void aFrameInsideALargerBufferIsReadAtItsOffset() {
        byte[] frame = ETHERNET.frame(5);
        byte[] buffer = new byte[frame.length + 100];
        Arrays.fill(buffer, (byte) 0x45);
        System.arraycopy(frame, 0, buffer, 37, frame.length);
        IpPacket packet = PacketDecoder.decode(1, buffer, 37, frame.length).orElseThrow();
        assertEquals(37 + 66, packet.payloadOffset());
        assertEquals(46, packet.payloadLength());
    }

    private static byte[] withEthertype(byte[] frame, int type) {
        frame[12] = (byte) (type >>> 8);
        frame[13] = (byte) type;
        return frame;
    }
}

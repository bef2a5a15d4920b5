package io.packetstream.core.decode;

import io.packetstream.core.decode.MalformedPacketException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the decoder does with frames that are not whole: cut by the snaplen at every header, with
 * inconsistent lengths, of unknown link type, or plain garbage. The frames are those of
 * {@code ethernet.pcap} (see the README there) cut or edited as each test says.
 */
class PacketDecoderTest {

    private static final CaptureFile ETHERNET = CaptureFile.read("ethernet.pcap");
    private static final CaptureFile BIG_TCP = CaptureFile.read("big-tcp.pcap");

    @ParameterizedTest(name = "frame {0} cut to {1} bytes")
    @CsvSource(delimiter = '|', textBlock = """
            # the Ethernet header itself
             2 |  13
            # Ethernet header whole, not one byte of the IPv4 header it announces
             2 |  14
            # frame 29 (802.1ad + 802.1Q): inside the first tag, then inside the second
            29 |  17
            29 |  21
            # one byte short of the IPv4 header
             2 |  33
            # one byte short of the IPv6 header
            16 |  53
            # inside the destination options, hop-by-hop, fragment and AH extension headers
            21 |  55
            21 |  61
            22 |  57
            18 |  60
            24 |  56
            24 |  77
            """)
    void aFrameCutInsideALinkOrIpHeaderIsTruncated(int frame, int capturedLength) {
        byte[] bytes = ETHERNET.frame(frame);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(1, bytes, 0, capturedLength));
        assertEquals(Reason.TRUNCATED, e.reason());
    }

    @ParameterizedTest(name = "frame {0} cut to {1} bytes: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # TCP header cut after 10 bytes: host-level questions still count the packet
             5 |  44 | tcp 10.1.0.1 -> 10.1.0.2 payload=34+10
            17 |  64 | tcp fd00::1 -> fd00::2 payload=54+10
            # SYN at the old default snaplen of 68: ports and flags whole, options cut
             3 |  68 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x02 payload=68+0
            # TCP payload cut after 30 of its 46 bytes
             5 |  96 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x18 payload=66+30
            # UDP header cut after 4 bytes, UDP payload cut after 8 of its 22 bytes
             7 |  38 | udp 10.1.0.1 -> 10.1.0.2 payload=34+4
             7 |  50 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=42+8
            # ICMP message cut after 6 bytes
             2 |  40 | icmp 10.1.0.1 -> 10.1.0.2 payload=34+6
            # a 1500-byte first fragment captured with a snaplen of 200
             9 | 200 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=42+158
            18 | 200 | udp [fd00::1]:40001 -> [fd00::2]:9999 payload=70+130
            # IPv6 header and extension headers whole, not one byte after them
            24 |  78 | tcp fd00::1 -> fd00::2 payload=78+0
            """)
    void aFrameCutInsideTheTransportIsDecodedAsFarAsItGoes(int frame, int capturedLength, String expected) {
        byte[] bytes = ETHERNET.frame(frame);
        IpPacket packet = PacketDecoder.decode(1, bytes, 0, capturedLength).orElseThrow();
        assertEquals(expected, CaptureFile.describe(packet, bytes, 0, capturedLength));
    }

    @Test
    void anIpv4HeaderLengthBelowFiveIsABadHeader() {
        byte[] frame = ETHERNET.frame(2);
        frame[14] = 0x44;
        assertReason(Reason.BAD_HEADER, frame, frame.length);
    }

    @Test
    void ipv4OptionsCutShortAreTruncated() {
        byte[] frame = ETHERNET.frame(2);
        frame[14] = 0x4F; // 60-byte header; only 40 of it captured
        assertReason(Reason.TRUNCATED, frame, 54);
    }

    @Test
    void anIpv4TotalLengthBelowTheHeaderLengthIsABadHeader() {
        byte[] frame = ETHERNET.frame(2);
        frame[16] = 0;
        frame[17] = 19;
        assertReason(Reason.BAD_HEADER, frame, frame.length);
    }

    @Test
    void aTcpDataOffsetBelowFiveIsABadHeader() {
        byte[] frame = ETHERNET.frame(5);
        frame[34 + 12] = 0x40;
        assertReason(Reason.BAD_HEADER, frame, frame.length);
    }

    @Test
    void anExtensionHeaderLongerThanTheIpv6PayloadLengthIsABadHeader() {
        byte[] frame = ETHERNET.frame(21);
        frame[18] = 0;
        frame[19] = 4; // the 8-byte destination options header is whole in the capture
        assertReason(Reason.BAD_HEADER, frame, frame.length);
    }

    @Test
    void theUdpLengthBoundsTheUdpPayload() {
        byte[] frame = ETHERNET.frame(7);
        frame[34 + 5] = 10;
        IpPacket packet = PacketDecoder.decode(1, frame, 0, frame.length).orElseThrow();
        assertEquals("udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=42+2",
                CaptureFile.describe(packet, frame, 0, frame.length));
    }

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # IPv4 BIG TCP: total length 0 (tcpdump: "length 80052 [was 0, presumed BIG TCP]")
            1 | tcp 10.25.132.13:35871 -> 10.25.132.11:36425 flags=0x18 payload=66+62
            # IPv6 BIG TCP without a hop-by-hop header, payload length 0 (tcpdump: "presumed BIG TCP")
            2 | tcp [2604:1380:4091:ce00::b]:43267 -> [2604:1380:4091:ce00::d]:41219 flags=0x18 payload=86+42
            # IPv6 jumbogram: payload length 0 and a hop-by-hop jumbo option
            3 | tcp [2604:1380:4091:ce00::d]:41851 -> [2604:1380:4091:ce00::b]:43913 flags=0x18 payload=94+34
            """)
    void aLengthFieldOfZeroLeavesTheBoundToTheCapture(int frame, String expected) {
        assertEquals(expected, BIG_TCP.describe(frame));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 105, 147, 277, 1_000_000})
    void anUnknownLinkTypeIsNamedInTheException(int linkType) {
        byte[] frame = ETHERNET.frame(2);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(linkType, frame, 0, frame.length));
        assertEquals(Reason.UNKNOWN_LINK_TYPE, e.reason());
        assertTrue(e.getMessage().contains(Integer.toString(linkType)), e.getMessage());
    }

    @Test
    void everyLinkTypeNumberMatchesTheDecoder() {
        byte[] frame = CaptureFile.read("raw-ip.pcap").frame(1);
        for (LinkType type : LinkType.values()) {
            try {
                PacketDecoder.decode(type.value(), frame, 0, frame.length);
            } catch (MalformedPacketException e) {
                assertTrue(e.reason() != Reason.UNKNOWN_LINK_TYPE, type + " is not decoded");
            }
        }
    }

    @Test
    void garbageIsRejectedOrCarriesNoIp() {
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xFF);
        assertTrue(PacketDecoder.decode(1, ones, 0, 64).isEmpty(), "ethertype 0xFFFF is no IP");
        assertTrue(PacketDecoder.decode(1, new byte[64], 0, 64).isEmpty(), "an 802.3 length of 0 is no IP");
        assertReason(Reason.BAD_HEADER, 101, ones);
        assertReason(Reason.BAD_HEADER, 101, new byte[64]);
        byte[] announced = new byte[64];
        announced[12] = 0x08;
        assertReason(Reason.BAD_HEADER, 1, announced);
    }

    @Test
    void argumentsOutsideTheArrayAreAProgrammingError() {
        byte[] frame = ETHERNET.frame(2);
        assertThrows(NullPointerException.class, () -> PacketDecoder.decode(1, null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(1, frame, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(1, frame, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> PacketDecoder.decode(1, frame, 1, frame.length));
        assertThrows(IllegalArgumentException.class,
                () -> PacketDecoder.decode(1, frame, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private static void assertReason(Reason expected, byte[] ethernetFrame, int capturedLength) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(1, ethernetFrame, 0, capturedLength));
        assertEquals(expected, e.reason(), e.getMessage());
    }

    private static void assertReason(Reason expected, int linkType, byte[] frame) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(linkType, frame, 0, frame.length));
        assertEquals(expected, e.reason(), e.getMessage());
    }
}

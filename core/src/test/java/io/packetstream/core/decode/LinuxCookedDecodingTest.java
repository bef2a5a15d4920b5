package io.packetstream.core.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Linux "cooked" captures, taken with {@code tcpdump -i any -y LINUX_SLL} and {@code -y LINUX_SLL2}
 * in the same namespaces and at the same time as {@code ethernet.pcap}: the same packets behind a
 * 16-byte (protocol at 14) or a 20-byte (protocol at 0) header. Expected lines read from tshark.
 */
class LinuxCookedDecodingTest {

    private static final CaptureFile SLL = CaptureFile.read("linux-sll.pcap");
    private static final CaptureFile SLL2 = CaptureFile.read("linux-sll2.pcap");

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ARP who-has: no IP
            1 | no IP
            2 | icmp 10.1.0.1 -> 10.1.0.2 payload=36+64
            3 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x18 payload=68+46
            4 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=44+22
            5 | tcp [fd00::1]:56040 -> [fd00::2]:8081 flags=0x18 payload=88+20
            # destination options header before UDP
            6 | udp [fd00::1]:40002 -> [fd00::2]:9999 payload=72+7
            # MLDv2 report behind a hop-by-hop header
            7 | icmpv6 fe80::1c:4cff:fe31:8b3 -> ff02::16 payload=64+28
            """)
    void decodesSllLikeTshark(int frame, String expected) {
        assertEquals(113, SLL.linkType());
        assertEquals(expected, SLL.describe(frame));
    }

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | no IP
            2 | icmp 10.1.0.1 -> 10.1.0.2 payload=40+64
            3 | tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x18 payload=72+46
            4 | udp 10.1.0.1:40000 -> 10.1.0.2:9999 payload=48+22
            5 | tcp [fd00::1]:56040 -> [fd00::2]:8081 flags=0x18 payload=92+20
            6 | udp [fd00::1]:40002 -> [fd00::2]:9999 payload=76+7
            7 | icmpv6 fe80::1c:4cff:fe31:8b3 -> ff02::16 payload=68+28
            """)
    void decodesSll2LikeTshark(int frame, String expected) {
        assertEquals(276, SLL2.linkType());
        assertEquals(expected, SLL2.describe(frame));
    }

    @Test
    void aVlanTagLibpcapPutsBehindTheSllHeaderIsSteppedOver() {
        // Edited, not captured (this kernel had no 802.1Q): libpcap re-inserts a stripped tag after
        // the SLL header, turning the protocol into 0x8100 followed by the TCI and the real protocol.
        byte[] plain = SLL.frame(3);
        byte[] tagged = new byte[plain.length + 4];
        System.arraycopy(plain, 0, tagged, 0, 14);
        tagged[14] = (byte) 0x81;
        tagged[17] = 100;
        System.arraycopy(plain, 14, tagged, 18, plain.length - 14);
        IpPacket packet = PacketDecoder.decode(113, tagged, 0, tagged.length).orElseThrow();
        assertEquals("tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x18 payload=72+46",
                CaptureFile.describe(packet, tagged, 0, tagged.length));
    }

    @Test
    void aFrameShorterThanTheCookedHeaderIsTruncated() {
        byte[] sll = SLL.frame(2);
        byte[] sll2 = SLL2.frame(2);
        assertEquals(MalformedPacketException.Reason.TRUNCATED, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(113, sll, 0, 15)).reason());
        assertEquals(MalformedPacketException.Reason.TRUNCATED, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(276, sll2, 0, 19)).reason());
    }
}

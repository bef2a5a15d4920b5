package io.packetstream.core.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Raw IP frames, captured with tcpdump on a TUN device inside a network namespace
 * ({@code decode/raw-ip.pcap}, LINKTYPE_RAW). The same bytes stand for the other raw link types,
 * which differ only in number. Expected lines read from tshark.
 */
class RawIpDecodingTest {

    private static final CaptureFile RAW = CaptureFile.read("raw-ip.pcap");

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # ping 10.9.0.2
            1 | icmp 10.9.0.1 -> 10.9.0.2 payload=20+64
            # 12 bytes of UDP to port 5353
            2 | udp [fd09::1]:40020 -> [fd09::2]:5353 payload=48+12
            # TCP SYN to 10.9.0.2:443
            3 | tcp 10.9.0.1:53060 -> 10.9.0.2:443 flags=0x02 payload=60+0
            # router solicitation the kernel sent when the TUN device came up
            4 | icmpv6 fe80::87b8:1d4b:3a4d:5b52 -> ff02::2 payload=40+8
            """)
    void decodesLikeTshark(int frame, String expected) {
        assertEquals(101, RAW.linkType());
        assertEquals(expected, RAW.describe(frame));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 14, 101})
    void everyRawLinkTypeReadsTheVersionFromTheFirstNibble(int linkType) {
        assertEquals(RAW.decode(1), decode(linkType, 1));
        assertEquals(RAW.decode(2), decode(linkType, 2));
    }

    @Test
    void ipv4AndIpv6LinkTypesDecodeTheirOwnVersion() {
        assertEquals(RAW.decode(3), decode(228, 3));
        assertEquals(RAW.decode(2), decode(229, 2));
    }

    @Test
    void ipv4AndIpv6LinkTypesRejectTheOtherVersion() {
        assertEquals(MalformedPacketException.Reason.BAD_HEADER,
                assertThrows(MalformedPacketException.class, () -> decode(228, 2)).reason());
        assertEquals(MalformedPacketException.Reason.BAD_HEADER,
                assertThrows(MalformedPacketException.class, () -> decode(229, 1)).reason());
    }

    @Test
    void aVersionOtherThanFourOrSixIsABadHeader() {
        byte[] frame = RAW.frame(1);
        frame[0] = 0x55;
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(101, frame, 0, frame.length));
        assertEquals(MalformedPacketException.Reason.BAD_HEADER, e.reason());
    }

    @Test
    void anEmptyRawFrameIsTruncated() {
        assertEquals(MalformedPacketException.Reason.TRUNCATED, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(101, new byte[0], 0, 0)).reason());
    }

    private static Optional<IpPacket> decode(int linkType, int number) {
        byte[] frame = RAW.frame(number);
        return PacketDecoder.decode(linkType, frame, 0, frame.length);
    }
}

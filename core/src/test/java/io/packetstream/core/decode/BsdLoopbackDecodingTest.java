package io.packetstream.core.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BSD loopback frames: a 4-byte address family, then IP. {@code decode/bsd-loopback.pcap} holds
 * frames from the tcpdump project's test captures, written by little-endian BSD and macOS hosts.
 * No big-endian or OpenBSD LOOP capture was at hand, so those tests rewrite the family field.
 */
class BsdLoopbackDecodingTest {

    private static final CaptureFile NULL = CaptureFile.read("bsd-loopback.pcap");
    private static final int LOOP = 108;

    @ParameterizedTest(name = "frame {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # AF_INET 2: a TCP RST carrying 8 bytes of diagnostic payload
            1 | tcp 192.0.2.1:39829 -> 192.168.0.1:8080 flags=0x14 payload=44+8
            # AF_INET6 28 (FreeBSD): ICMPv6 router renumbering
            2 | icmpv6 2001:db8:1:0:a00:27ff:fef4:4dcf -> 2001:db8:1:0:a00:27ff:fef4:4dcf payload=44+72
            # AF_INET6 30 (macOS): a QUIC version negotiation over UDP on ::1
            3 | udp [::1]:443 -> [::1]:57406 payload=52+23
            """)
    void decodesLittleEndianFamiliesLikeTshark(int frame, String expected) {
        assertEquals(0, NULL.linkType());
        assertEquals(expected, NULL.describe(frame));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aBigEndianCapturingHostIsRecognisedToo(int number) {
        byte[] frame = NULL.frame(number);
        reverseFamily(frame);
        assertEquals(NULL.decode(number), PacketDecoder.decode(0, frame, 0, frame.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void loopIsAlwaysNetworkByteOrder(int number) {
        byte[] frame = NULL.frame(number);
        reverseFamily(frame);
        assertEquals(NULL.decode(number), PacketDecoder.decode(LOOP, frame, 0, frame.length));
        byte[] hostOrder = NULL.frame(number);
        assertTrue(PacketDecoder.decode(LOOP, hostOrder, 0, hostOrder.length).isEmpty(),
                "a little-endian family is no family LOOP knows");
    }

    @Test
    void theOpenBsdAndNetBsdIpv6FamilyIsKnown() {
        byte[] frame = NULL.frame(2);
        frame[0] = 24;
        assertEquals(NULL.decode(2), PacketDecoder.decode(0, frame, 0, frame.length));
    }

    @Test
    void otherFamiliesCarryNoIp() {
        byte[] frame = NULL.frame(1);
        frame[0] = 7; // AF_OSI on some BSDs; AF_INET6 of no BSD
        assertTrue(PacketDecoder.decode(0, frame, 0, frame.length).isEmpty());
    }

    @Test
    void aFamilyThatDisagreesWithTheIpVersionIsABadHeader() {
        byte[] frame = NULL.frame(1);
        frame[0] = 30;
        assertEquals(MalformedPacketException.Reason.BAD_HEADER, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(0, frame, 0, frame.length)).reason());
    }

    @Test
    void lessThanTheFamilyFieldIsTruncated() {
        byte[] frame = NULL.frame(1);
        assertEquals(MalformedPacketException.Reason.TRUNCATED, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(0, frame, 0, 3)).reason());
        assertEquals(MalformedPacketException.Reason.TRUNCATED, assertThrows(MalformedPacketException.class,
                () -> PacketDecoder.decode(LOOP, frame, 0, 3)).reason());
    }

    private static void reverseFamily(byte[] frame) {
        for (int i = 0; i < 2; i++) {
            byte b = frame[i];
            frame[i] = frame[3 - i];
            frame[3 - i] = b;
        }
    }
}

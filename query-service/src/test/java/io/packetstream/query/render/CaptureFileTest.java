package io.packetstream.query.render;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.query.read.QueryResult.PacketMatch;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The capture files question 5 answers with, byte for byte.
 */
class CaptureFileTest {

    private static final long TIME = CaptureTime.parse("2026-11-21T09:38:12.123456789Z");
    private static final HexFormat HEX = HexFormat.of();

    private static PacketMatch match(int linkType, String frameHex, int originalLength) {
        Endpoint e = new Endpoint(IpAddress.parse("10.0.0.1"), 1);
        return new PacketMatch(new PacketId(0, "1-0", 0), TIME, "s1", 17, e, e, originalLength, linkType,
                HEX.parseHex(frameHex));
    }

    private static byte[] file(CaptureFormat format, List<Integer> skipped, PacketMatch... matches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderer.capture(Flux.just(matches), format, skipped::add).toIterable().forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void classicPcapHasANanosecondHeaderAndOneRecordPerPacket() {
        List<Integer> skipped = new ArrayList<>();
        byte[] pcap = file(CaptureFormat.PCAP, skipped, match(1, "0102030405", 1514), match(101, "45", 20),
                match(1, "aabb", 2));
        String expected = "a1b23c4d" + "0002" + "0004" + "00000000" + "00000000" + "00040000" + "00000001"
                // 1795253892 s = 0x6b016684, 123456789 ns = 0x075bcd15, incl 5, orig 1514
                + "6b016684" + "075bcd15" + "00000005" + "000005ea" + "0102030405"
                + "6b016684" + "075bcd15" + "00000002" + "00000002" + "aabb";
        assertEquals(expected, HEX.formatHex(pcap));
        assertEquals(List.of(101), skipped, "the raw-IP packet does not fit an Ethernet file");
    }

    @Test
    void anEmptyClassicPcapIsJustTheHeader() {
        assertEquals("a1b23c4d00020004000000000000000000040000" + "00000001",
                HEX.formatHex(file(CaptureFormat.PCAP, new ArrayList<>())));
    }

    @Test
    void pcapngDescribesEachLinkTypeOnceBeforeItsFirstPacket() {
        byte[] ng = file(CaptureFormat.PCAPNG, new ArrayList<>(), match(1, "0102030405", 60), match(101, "45", 20),
                match(1, "aa", 1));
        String shb = "0a0d0d0a" + "0000001c" + "1a2b3c4d" + "0001" + "0000" + "ffffffffffffffff" + "0000001c";
        String idbEthernet = "00000001" + "00000020" + "0001" + "0000" + "00040000" + "0009" + "0001" + "09000000"
                + "00000000" + "00000020";
        String idbRaw = idbEthernet.replace("00000001" + "00000020" + "0001", "00000001" + "00000020" + "0065");
        // ns since the epoch as high and low 32 bits
        String ts = String.format("%016x", TIME);
        String epb1 = "00000006" + "00000028" + "00000000" + ts + "00000005" + "0000003c" + "0102030405000000"
                + "00000028";
        String epb2 = "00000006" + "00000024" + "00000001" + ts + "00000001" + "00000014" + "45000000" + "00000024";
        String epb3 = "00000006" + "00000024" + "00000000" + ts + "00000001" + "00000001" + "aa000000" + "00000024";
        assertEquals(shb + idbEthernet + epb1 + idbRaw + epb2 + epb3, HEX.formatHex(ng));
    }

    @Test
    void theHeaderGoesOutWithTheFirstPacketNotBefore() {
        List<byte[]> pieces = Renderer.capture(Flux.just(match(1, "01", 1)), CaptureFormat.PCAP, t -> { })
                .collectList().block(Duration.ofSeconds(5));
        assertEquals(1, pieces.size());
        assertArrayEquals(HEX.parseHex("a1b23c4d"), java.util.Arrays.copyOf(pieces.get(0), 4));
    }
}

package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeEntryFormatTest {

    private static final IpAddress CLIENT = IpAddress.parse("10.10.0.11");
    private static final IpAddress SERVER = IpAddress.parse("2001:db8::80");
    private static final IpAddress SERVER4 = IpAddress.parse("172.16.9.33");
    private static final Connection CONNECTION =
            Connection.of(new IpPacket(CLIENT, SERVER4, IpPacket.TCP, 51515, 80, true, 0, 0, 0));

    @Test
    void everyEventRoundTripsInOrderWithOneBlockPerRunOfASensor() {
        List<ChangeEvent> events = List.of(
                new ChangeEvent.ConnectionActive("s1", CONNECTION, 1_795_253_892_000_000_007L),
                new ChangeEvent.ConnectionInactive("s1", CONNECTION, 1_795_253_893_999_999_999L),
                new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 29_920_898L, 264, 28_499),
                new ChangeEvent.PeerSeen("s-2", 29_920_898L, SERVER, 80, CLIENT),
                new ChangeEvent.ServiceSeen("s_3", 29_920_898L, new Endpoint(SERVER4, 53)),
                new ChangeEvent.OutsideSeen("s.4", 29_920_898L, CLIENT, SERVER),
                new ChangeEvent.EntryIndexed("s1", "1795253892000-12"));
        List<byte[]> blocks = ChangeEntryFormat.encode(events);
        assertEquals(5, blocks.size(), "s1 ×3, s-2, s_3, s.4, s1");
        List<ChangeEvent> decoded = new ArrayList<>();
        for (byte[] block : blocks) {
            ChangeEntryFormat.decode(block, bad -> {
                throw new AssertionError(bad);
            }).forEach(e -> decoded.add(e.orElseThrow()));
        }
        assertEquals(events, decoded);
    }

    @Test
    void theBytesAreTheDocumentedLayout() {
        byte[] block = ChangeEntryFormat.encode(List.of(
                new ChangeEvent.ConnectionActive("s1", CONNECTION, 1_795_253_892_000_000_007L),
                new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER4, 300, 264, 2),
                new ChangeEvent.EntryIndexed("s1", "1-130"))).get(0);
        assertEquals(1, block[0], "version");
        byte[] inflated = inflate(block);
        String expected = "02" + "7331"                                          // sensor "s1"
                + "41" + "17" + "18ea05e7324c2807" + "06040a0a000bc93b04ac1009210050" // A, 23 bytes: time, tcp(06) low, high
                + "56" + "0e" + "ac02" + "8802" + "02" + "04" + "0a0a000b" + "ac100921" // V, 14 bytes: 300, 264, 2, low, high
                + "45" + "03" + "01" + "8201";                                       // E, 3 bytes: 1, 130
        assertArrayEquals(HexFormat.of().parseHex(expected), inflated, HexFormat.of().formatHex(inflated));
    }

    @Test
    void anEventThatCannotBeReadStaysInPlaceAndIsReported() {
        // s1: an A event whose connection is cut short, then an unknown letter, then a good E event
        byte[] block = block("027331" + "4109" + "18ea2b8fb34e7a0706" + "5801ff" + "45020102");
        List<String> bad = new ArrayList<>();
        List<Optional<ChangeEvent>> events = ChangeEntryFormat.decode(block, bad::add);
        assertEquals(List.of(Optional.empty(), Optional.empty(),
                Optional.of(new ChangeEvent.EntryIndexed("s1", "1-2"))), events);
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(1).contains("unknown event type"), bad.get(1));
    }

    @Test
    void rejectsWhatIsNoBlock() {
        List<byte[]> values = List.of(new byte[0], new byte[]{1}, block("027331", 2), block("02737b"),
                "A s1 06".getBytes(java.nio.charset.StandardCharsets.US_ASCII), block("057331"),
                HexFormat.of().parseHex("01ffffffff"), block("027331" + "00".repeat(2 << 20)));
        for (byte[] value : values) {
            assertThrows(IllegalArgumentException.class, () -> ChangeEntryFormat.decode(value, bad -> { }),
                    HexFormat.of().formatHex(value, 0, Math.min(16, value.length)));
        }
    }

    /** @return the hex bytes as a block of version 1, compressed by the JDK rather than by the code under test */
    private static byte[] block(String rawHex) {
        return block(rawHex, 1);
    }

    private static byte[] block(String rawHex, int version) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(HexFormat.of().parseHex(rawHex));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] block) {
        try {
            Inflater inflater = new Inflater(true);
            inflater.setInput(block, 1, block.length - 1);
            byte[] out = new byte[65536];
            int n = inflater.inflate(out);
            inflater.end();
            return java.util.Arrays.copyOf(out, n);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEntryIdMustBeOne() {
        for (String bad : List.of("abc", "7", "1-2-3", "01-2", "18446744073709551616-0", "-1-0")) {
            assertThrows(IllegalArgumentException.class, () -> new ChangeEvent.EntryIndexed("s1", bad), bad);
        }
        ChangeEvent largest = new ChangeEvent.EntryIndexed("s1", "18446744073709551615-18446744073709551615");
        assertEquals(List.of(Optional.of(largest)),
                ChangeEntryFormat.decode(ChangeEntryFormat.encode(List.of(largest)).get(0), bad -> { }));
    }

    @Test
    void volumeMatchesEitherOrderOfTheHosts() {
        var v = new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 1, 1, 1);
        assertTrue(v.between(SERVER, CLIENT));
        assertTrue(v.between(CLIENT, SERVER));
    }
}

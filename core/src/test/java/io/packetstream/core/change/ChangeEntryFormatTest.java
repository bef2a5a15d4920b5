package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
        String expected = "01" + "02" + "7331"                                   // version, sensor "s1"
                + "41" + "17" + "18ea05e7324c2807" + "06040a0a000bc93b04ac1009210050" // A, 23 bytes: time, tcp(06) low, high
                + "56" + "0e" + "ac02" + "8802" + "02" + "04" + "0a0a000b" + "ac100921" // V, 14 bytes: 300, 264, 2, low, high
                + "45" + "03" + "01" + "8201";                                       // E, 3 bytes: 1, 130
        assertArrayEquals(HexFormat.of().parseHex(expected), block, HexFormat.of().formatHex(block));
    }

    @Test
    void anEventThatCannotBeReadStaysInPlaceAndIsReported() {
        // s1: an A event whose connection is cut short, then an unknown letter, then a good E event
        byte[] block = HexFormat.of().parseHex("01027331" + "4109" + "18ea2b8fb34e7a0706" + "5801ff" + "45020102");
        List<String> bad = new ArrayList<>();
        List<Optional<ChangeEvent>> events = ChangeEntryFormat.decode(block, bad::add);
        assertEquals(List.of(Optional.empty(), Optional.empty(),
                Optional.of(new ChangeEvent.EntryIndexed("s1", "1-2"))), events);
        assertEquals(2, bad.size(), bad.toString());
        assertTrue(bad.get(1).contains("unknown event type"), bad.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01", "02027331", "0102737b", "41207331203036", "01057331"})
    void rejectsWhatIsNoBlock(String hex) {
        assertThrows(IllegalArgumentException.class,
                () -> ChangeEntryFormat.decode(HexFormat.of().parseHex(hex), bad -> { }));
    }

    @Test
    void anEntryIdMustBeOne() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeEvent.EntryIndexed("s1", "abc"));
    }

    @Test
    void volumeMatchesEitherOrderOfTheHosts() {
        var v = new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 1, 1, 1);
        assertTrue(v.between(SERVER, CLIENT));
        assertTrue(v.between(CLIENT, SERVER));
    }
}

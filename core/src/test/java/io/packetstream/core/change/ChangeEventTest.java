package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeEventTest {

    private static final IpAddress CLIENT = IpAddress.parse("10.10.0.11");
    private static final IpAddress SERVER = IpAddress.parse("2001:db8::80");
    private static final IpAddress SERVER4 = IpAddress.parse("172.16.9.33");

    @Test
    void everyEventRoundTripsThroughItsText() {
        Connection connection = Connection.of(new IpPacket(CLIENT, SERVER4, IpPacket.TCP, 51515, 80, true, 0, 0, 0));
        List<ChangeEvent> events = List.of(
                new ChangeEvent.ConnectionActive("s1", connection, 1_795_253_892_000_000_007L),
                new ChangeEvent.ConnectionInactive("s1", connection, 1_795_253_893_999_999_999L),
                new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 29_920_898L, 264, 28_499),
                new ChangeEvent.PeerSeen("s-2", 29_920_898L, SERVER, 80, CLIENT),
                new ChangeEvent.ServiceSeen("s_3", 29_920_898L, new Endpoint(SERVER4, 53)),
                new ChangeEvent.OutsideSeen("s.4", 29_920_898L, CLIENT, SERVER),
                new ChangeEvent.EntryIndexed("s1", "1795253892000-12"));
        for (ChangeEvent event : events) {
            assertEquals(event, ChangeEvent.parse(event.format()), event.format());
        }
    }

    @Test
    void theTextIsWhatTheCommitScriptWrites() {
        Connection connection = Connection.of(new IpPacket(CLIENT, SERVER4, IpPacket.TCP, 51515, 80, true, 0, 0, 0));
        // tcp(06), 10.10.0.11:51515 (04 0a0a000b c93b), 172.16.9.33:80 (04 ac100921 0050), second, nanosecond
        assertEquals("A s1 06040a0a000bc93b04ac1009210050 1795253892 7",
                new ChangeEvent.ConnectionActive("s1", connection, 1_795_253_892_000_000_007L).format());
        assertEquals("V s1 10.10.0.11 2001:db8::80 29920898 264 28499",
                new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 29_920_898L, 264, 28_499).format());
    }

    @Test
    void volumeMatchesEitherOrderOfTheHosts() {
        var v = new ChangeEvent.VolumeTotals("s1", CLIENT, SERVER, 1, 1, 1);
        assertTrue(v.between(SERVER, CLIENT));
        assertTrue(v.between(CLIENT, SERVER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X s1 1", "A s1 zz 1 2", "A s1 0600 1 2", "V s1 10.0.0.1 10.0.0.2 1 2", "E s1 abc",
            "E s{1} 1-0", "A s1 06040a0a000bc93b04ac1009210050 1 1000000000", "S s1 x 0474"})
    void rejectsWhatIsNoEvent(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeEvent.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "' is not a change event"), e.getMessage());
    }
}

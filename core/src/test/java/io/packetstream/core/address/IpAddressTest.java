package io.packetstream.core.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, 10.0.0.1",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0000:0000:0000:0202:b3ff:fe1e:8329, fe80::202:b3ff:fe1e:8329",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:1:0:0:0:1:0, 0:0:1::1:0",
            "::ffff:1.2.3.4, ::ffff:102:304",
    })
    void printsCanonicalForm(String input, String canonical) {
        assertEquals(canonical, IpAddress.parse(input).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "example.com",
            "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1:2", "fe80::1%eth0", "::g", " 1.2.3.4", "1.2.3.4/8"})
    void rejectsWhatIsNoLiteral(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
        assertEquals("'" + text + "' is not an IPv4 or IPv6 address", e.getMessage());
    }

    @Test
    void agreesWithTheJdkOnBytes() throws Exception {
        for (String text : List.of("192.168.1.200", "2001:db8::8a2e:370:7334", "fd00::11", "fe80::1:2")) {
            assertArrayEquals(InetAddress.getByName(text).getAddress(), IpAddress.parse(text).toBytes(), text);
        }
    }

    @Test
    void sortsIpv4BeforeIpv6ThenUnsignedBytes() {
        List<IpAddress> list = new ArrayList<>(List.of(IpAddress.parse("::1"), IpAddress.parse("200.1.1.1"),
                IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.10")));
        list.sort(null);
        assertEquals("[10.0.0.2, 10.0.0.10, 200.1.1.1, ::1]", list.toString());
    }

    @Test
    void equalAddressesHaveEqualHashes() {
        assertEquals(IpAddress.parse("10.0.0.1"), IpAddress.of(new byte[]{10, 0, 0, 1}));
        assertEquals(IpAddress.parse("10.0.0.1").hashCode(), IpAddress.of(new byte[]{10, 0, 0, 1}).hashCode());
    }
}

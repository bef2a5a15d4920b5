package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.address.IpAddress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Addresses written straight into JSON read exactly as core's canonical text ({@link IpAddress#toString()}):
 * zero runs of every length and place, ties, and random addresses with zero groups sprinkled in.
 */
class AddressTextTest {

    @Test
    void everyAddressReadsAsItsCanonicalText() throws IOException {
        List<IpAddress> addresses = new ArrayList<>();
        for (String text : new String[]{"::", "::1", "1::", "1:0:0:2:0:0:0:3", "1:0:0:2:0:0:3:4", "0:0:1::",
                "2001:db8::", "fe80::1:0:0:1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:0",
                "0:1:2:3:4:5:6:7", "::ffff:10.0.0.1", "0.0.0.0", "255.255.255.255", "10.0.200.9", "1.22.0.255"}) {
            addresses.add(IpAddress.parse(text));
        }
        Random random = new Random(5952);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextBoolean() ? 16 : 4];
            random.nextBytes(b);
            for (int j = 0; j < b.length; j += 2) {
                if (random.nextInt(3) == 0) {
                    b[j] = 0;
                    b[j + 1] = random.nextInt(4) == 0 ? (byte) random.nextInt(16) : 0;
                }
            }
            addresses.add(IpAddress.of(b));
        }
        for (IpAddress a : addresses) {
            assertEquals("[\"" + a + "\",\"" + a + "\"]", written(a));
        }
    }

    private static String written(IpAddress a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            AddressText.write(g, a);
            AddressText.write(g, a);
            g.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

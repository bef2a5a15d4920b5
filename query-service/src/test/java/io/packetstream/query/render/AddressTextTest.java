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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Addresses written straight into JSON read exactly as core's canonical text ({@link IpAddress#toString()}):
 * zero runs of every length and place, ties, and random addresses with zero groups sprinkled in; one at a time, and
 * as a whole list in one value.
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
        AddressText text = new AddressText();
        for (IpAddress a : addresses) {
            assertEquals("[\"" + a + "\",\"" + a + "\"]", written(g -> {
                text.write(g, a);
                text.write(g, a);
            }));
        }
        // as a list, one raw value: one buffer for all, separated by commas, and a value after it separated too
        String all = addresses.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
        assertEquals("[" + all + ",\"::1\"]", written(g -> {
            text.writeElements(g, addresses);
            text.write(g, IpAddress.parse("::1"));
        }));
        assertEquals("[]", written(g -> text.writeElements(g, List.of())));
    }

    private interface Writes {
        void into(JsonGenerator g) throws IOException;
    }

    /** @return what {@code writes} put into an array */
    private static String written(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            writes.into(g);
            g.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

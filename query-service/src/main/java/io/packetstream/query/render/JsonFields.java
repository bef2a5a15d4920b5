package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packetstream.core.address.IpAddress;
import io.packetstream.query.read.Fields;
import io.packetstream.query.read.Shown;

import java.io.IOException;
import java.util.List;

/**
 * Writes results and changes as JSON objects: each shows its own fields ({@link Shown}); this says how each kind
 * of value is written. Times in RFC 3339 UTC, addresses in their canonical text.
 */
final class JsonFields implements Fields {

    private final JsonGenerator g;

    private JsonFields(JsonGenerator g) {
        this.g = g;
    }

    /** Writes the object, braces included. */
    static void write(JsonGenerator g, Shown shown) throws IOException {
        g.writeStartObject();
        shown.show(new JsonFields(g));
        g.writeEndObject();
    }

    @Override
    public void text(String name, String value) throws IOException {
        g.writeStringField(name, value);
    }

    @Override
    public void number(String name, long value) throws IOException {
        g.writeNumberField(name, value);
    }

    @Override
    public void address(String name, IpAddress value) throws IOException {
        g.writeFieldName(name);
        address(g, value);
    }

    @Override
    public void time(String name, long nanos) throws IOException {
        g.writeFieldName(name);
        TimeText.write(g, nanos);
    }

    @Override
    public void addresses(String name, List<IpAddress> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (IpAddress value : values) {
            address(g, value);
        }
        g.writeEndArray();
    }

    @Override
    public void numbers(String name, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    /**
     * Writes an address's canonical text as a string value; an IPv4 address as four pieces of ready UTF-8
     * ({@code "10.} {@code 1.} {@code 2.} {@code 3"}), without escaping (digits and dots need none) and without
     * allocating: answers hold tens of thousands of addresses, and building a text for each showed in profiles.
     */
    static void address(JsonGenerator g, IpAddress address) throws IOException {
        if (!address.isIpv4()) {
            g.writeString(address.toString());
            return;
        }
        g.writeRawValue(FIRST_OCTET[address.byteAt(0)]);
        g.writeRaw(MIDDLE_OCTET[address.byteAt(1)]);
        g.writeRaw(MIDDLE_OCTET[address.byteAt(2)]);
        g.writeRaw(LAST_OCTET[address.byteAt(3)]);
    }

    /** {@code "n.}, {@code n.} and {@code n"} for every octet value n. */
    private static final SerializedString[] FIRST_OCTET = octets("\"", ".");
    private static final SerializedString[] MIDDLE_OCTET = octets("", ".");
    private static final SerializedString[] LAST_OCTET = octets("", "\"");

    private static SerializedString[] octets(String before, String after) {
        SerializedString[] out = new SerializedString[256];
        for (int i = 0; i < out.length; i++) {
            out[i] = new SerializedString(before + i + after);
        }
        return out;
    }
}

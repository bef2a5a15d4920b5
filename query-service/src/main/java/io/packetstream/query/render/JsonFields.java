package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.address.IpAddress;
import io.packetstream.query.read.Fields;
import io.packetstream.query.read.Shown;

import java.io.IOException;
import java.util.List;

/**
 * Writes results and changes as JSON objects: each shows its own fields ({@link Shown}); this says how each kind
 * of value is written. Times in RFC 3339 UTC, addresses in their canonical text. One per document: it keeps the
 * address writer's buffer from one result to the next.
 */
final class JsonFields implements Fields {

    private final JsonGenerator g;
    private final AddressText addresses = new AddressText();

    JsonFields(JsonGenerator g) {
        this.g = g;
    }

    /** Writes the object, braces included. */
    void write(Shown shown) throws IOException {
        g.writeStartObject();
        shown.show(this);
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
        addresses.write(g, value);
    }

    @Override
    public void time(String name, long nanos) throws IOException {
        g.writeFieldName(name);
        TimeText.write(g, nanos);
    }

    @Override
    public void addresses(String name, List<IpAddress> values) throws IOException {
        g.writeArrayFieldStart(name);
        addresses.writeElements(g, values);
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
}

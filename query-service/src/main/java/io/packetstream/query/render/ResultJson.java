package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.query.read.QueryResult;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.Host;
import io.packetstream.query.read.QueryResult.HostServices;
import io.packetstream.query.read.QueryResult.MinuteVolume;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import io.packetstream.query.read.QueryResult.PacketMatch;

import java.io.IOException;

/**
 * Writes one result object with the fields of design.md, in that order; times in RFC 3339 UTC, addresses in
 * their canonical text.
 */
final class ResultJson {

    private ResultJson() {
    }

    static void write(JsonGenerator g, QueryResult result) throws IOException {
        g.writeStartObject();
        if (result instanceof ActiveConnection c) {
            g.writeStringField("protocol", IpPacket.protocolName(c.protocol()));
            endpoints(g, c.src(), c.dst());
            g.writeFieldName("lastSeen");
            TimeText.write(g, c.lastSeenNanos());
        } else if (result instanceof MinuteVolume v) {
            g.writeStringField("minute", CaptureTime.format(v.epochMinute() * CaptureTime.NANOS_PER_MINUTE));
            g.writeNumberField("packets", v.packets());
            g.writeNumberField("bytes", v.bytes());
        } else if (result instanceof Host h) {
            g.writeStringField("host", h.host().toString());
        } else if (result instanceof HostServices s) {
            g.writeStringField("host", s.host().toString());
            g.writeArrayFieldStart("ports");
            for (int port : s.ports()) {
                g.writeNumber(port);
            }
            g.writeEndArray();
        } else if (result instanceof PacketMatch m) {
            g.writeStringField("id", m.id().toString());
            g.writeStringField("time", CaptureTime.format(m.timeNanos()));
            g.writeStringField("sensor", m.sensor());
            g.writeStringField("protocol", IpPacket.protocolName(m.protocol()));
            endpoints(g, m.src(), m.dst());
            g.writeNumberField("length", m.originalLength());
            g.writeNumberField("capturedLength", m.capturedLength());
        } else if (result instanceof OutsideTalker t) {
            g.writeFieldName("host");
            address(g, t.host());
            g.writeArrayFieldStart("outsidePeers");
            for (IpAddress peer : t.outsidePeers()) {
                address(g, peer);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void endpoints(JsonGenerator g, Endpoint src, Endpoint dst) throws IOException {
        g.writeFieldName("src");
        address(g, src.address());
        g.writeNumberField("srcPort", src.port());
        g.writeFieldName("dst");
        address(g, dst.address());
        g.writeNumberField("dstPort", dst.port());
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

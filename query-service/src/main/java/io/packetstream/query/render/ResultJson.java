package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
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
     * Writes an address's canonical text as a string value; an IPv4 address straight from its bytes and without
     * escaping (digits and dots need none), as answers hold thousands of them and building and escaping a String
     * for each showed in profiles.
     */
    static void address(JsonGenerator g, IpAddress address) throws IOException {
        if (!address.isIpv4()) {
            g.writeString(address.toString());
            return;
        }
        char[] text = new char[17];
        int n = 0;
        text[n++] = '"';
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                text[n++] = '.';
            }
            int b = address.byteAt(i);
            if (b >= 100) {
                text[n++] = (char) ('0' + b / 100);
            }
            if (b >= 10) {
                text[n++] = (char) ('0' + b / 10 % 10);
            }
            text[n++] = (char) ('0' + b % 10);
        }
        text[n++] = '"';
        g.writeRawValue(text, 0, n);
    }
}

package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
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
            g.writeStringField("lastSeen", CaptureTime.format(c.lastSeenNanos()));
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
            g.writeStringField("host", t.host().toString());
            g.writeArrayFieldStart("outsidePeers");
            for (var peer : t.outsidePeers()) {
                g.writeString(peer.toString());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void endpoints(JsonGenerator g, Endpoint src, Endpoint dst) throws IOException {
        g.writeStringField("src", src.address().toString());
        g.writeNumberField("srcPort", src.port());
        g.writeStringField("dst", dst.address().toString());
        g.writeNumberField("dstPort", dst.port());
    }
}

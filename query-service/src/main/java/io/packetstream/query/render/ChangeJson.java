package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.time.CaptureTime;

import java.io.IOException;

/**
 * Writes the data object of one live {@code change} event, per question: 1
 * {@code {"type","protocol","src","srcPort","dst","dstPort","time"}} (dst the server side), 2
 * {@code {"minute","packets","bytes"}}, 3 {@code {"host","minute"}}, 4 {@code {"host","port","minute"}}, 6
 * {@code {"host","outsidePeer","minute"}}. Question 5 sends packet results instead ({@link ResultJson}).
 */
final class ChangeJson {

    private ChangeJson() {
    }

    static void write(JsonGenerator g, ChangeEvent event) throws IOException {
        g.writeStartObject();
        if (event instanceof ConnectionActive a) {
            connection(g, "active", a.connection(), a.timeNanos());
        } else if (event instanceof ConnectionInactive i) {
            connection(g, "inactive", i.connection(), i.timeNanos());
        } else if (event instanceof VolumeTotals v) {
            minute(g, v.epochMinute());
            g.writeNumberField("packets", v.packets());
            g.writeNumberField("bytes", v.bytes());
        } else if (event instanceof PeerSeen p) {
            g.writeStringField("host", p.peer().toString());
            minute(g, p.epochMinute());
        } else if (event instanceof ServiceSeen s) {
            g.writeStringField("host", s.service().address().toString());
            g.writeNumberField("port", s.service().port());
            minute(g, s.epochMinute());
        } else if (event instanceof OutsideSeen o) {
            g.writeStringField("host", o.local().toString());
            g.writeStringField("outsidePeer", o.outside().toString());
            minute(g, o.epochMinute());
        } else if (event instanceof EntryIndexed e) {
            g.writeStringField("entryId", e.entryId());
        }
        g.writeEndObject();
    }

    private static void connection(JsonGenerator g, String type, Connection c, long nanos) throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("protocol", IpPacket.protocolName(c.protocol()));
        g.writeStringField("src", c.client().address().toString());
        g.writeNumberField("srcPort", c.client().port());
        g.writeStringField("dst", c.server().address().toString());
        g.writeNumberField("dstPort", c.server().port());
        g.writeStringField("time", CaptureTime.format(nanos));
    }

    private static void minute(JsonGenerator g, long epochMinute) throws IOException {
        g.writeStringField("minute", CaptureTime.format(epochMinute * CaptureTime.NANOS_PER_MINUTE));
    }
}

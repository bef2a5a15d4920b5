package io.packetstream.query.http;

import io.packetstream.query.live.LiveEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveEventTextTest {

    private static String sse(LiveEvent e) {
        return new String(LiveEventText.sse(e), StandardCharsets.UTF_8);
    }

    private static String ndjson(LiveEvent e) {
        return new String(LiveEventText.ndjson(e), StandardCharsets.UTF_8);
    }

    @Test
    void serverSentEventsHaveNameIdAndOneDataLine() {
        assertEquals("event: answer\nid: 1-0.1,0-0.0\ndata: {\"results\":[],\"meta\":{}}\n\n",
                sse(new LiveEvent.Answer("1-0.1,0-0.0", "{\"results\":[],\"meta\":{}}")));
        assertEquals("event: change\nid: 2-0.3\ndata: {\"host\":\"10.0.0.1\"}\n\n",
                sse(new LiveEvent.Change("2-0.3", "{\"host\":\"10.0.0.1\"}")));
        assertEquals("event: overflow\ndata: {\"lastEventId\":\"2-0.3\"}\n\n", sse(new LiveEvent.Overflow("2-0.3")));
        assertEquals("event: error\ndata: {\"error\":\"gone \\\"x\\\"\",\"lastEventId\":\"2-0.3\"}\n\n",
                sse(new LiveEvent.Failed("gone \"x\"", "2-0.3")));
        assertEquals(": heartbeat\n\n", sse(new LiveEvent.Heartbeat(Optional.empty())));
        assertEquals(": heartbeat\nid: 3-0.9\n\n", sse(new LiveEvent.Heartbeat(Optional.of("3-0.9"))));
    }

    @Test
    void followedNdjsonIsOneObjectPerLine() {
        assertEquals("{\"id\":\"1-0.1\",\"event\":\"answer\",\"data\":{\"results\":[],\"meta\":{}}}\n",
                ndjson(new LiveEvent.Answer("1-0.1", "{\"results\":[],\"meta\":{}}")));
        assertEquals("{\"id\":\"2-0.3\",\"event\":\"change\",\"data\":{\"minute\":\"x\"}}\n",
                ndjson(new LiveEvent.Change("2-0.3", "{\"minute\":\"x\"}")));
        assertEquals("{\"event\":\"overflow\",\"data\":{\"lastEventId\":\"2-0.3\"}}\n",
                ndjson(new LiveEvent.Overflow("2-0.3")));
        assertEquals("{\"event\":\"error\",\"data\":{\"error\":\"e\",\"lastEventId\":\"2-0.3\"}}\n",
                ndjson(new LiveEvent.Failed("e", "2-0.3")));
        assertEquals("{\"event\":\"heartbeat\"}\n", ndjson(new LiveEvent.Heartbeat(Optional.empty())));
        assertEquals("{\"id\":\"3-0.9\",\"event\":\"heartbeat\"}\n", ndjson(new LiveEvent.Heartbeat(Optional.of("3-0.9"))));
    }
}

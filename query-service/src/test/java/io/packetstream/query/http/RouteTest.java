package io.packetstream.query.http;

import io.packetstream.query.read.Question;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {

    @Test
    void findsTheSixPathsExactly() {
        assertEquals(Optional.of(Route.of(Question.Kind.ACTIVE_CONNECTIONS)), Route.find("/api/v1/connections/active"));
        assertEquals(Optional.of(Route.of(Question.Kind.PACKETS_CONTAINING)), Route.find("/api/v1/packets/containing"));
        assertEquals(Optional.empty(), Route.find("/api/v1/packets/containing/"));
        assertEquals(Optional.empty(), Route.find("/API/v1/volume"));
        assertEquals(6, Route.all().size());
    }

    @Test
    void onlyPacketsComeAsCaptureFilesAndEveryQuestionAsLiveEvents() {
        for (Route r : Route.all()) {
            assertEquals(r == Route.of(Question.Kind.PACKETS_CONTAINING), r.formats().contains(Format.PCAP), r.path());
            assertTrue(r.formats().contains(Format.EVENT_STREAM));
            assertEquals(Format.JSON, r.formats().get(0));
            assertTrue(r.parameters().contains("sensor"));
        }
    }

    @Test
    void everyRouteAsksItsOwnQuestion() {
        Map<String, String> values = Map.of("a", "10.0.0.1", "b", "10.0.0.2", "ip", "10.0.0.1", "hex", "00");
        for (Route r : Route.all()) {
            String query = r.required().stream().sorted().map(p -> p + "=" + values.get(p))
                    .collect(Collectors.joining("&"));
            assertEquals(r.kind(), RequestParameters.parseRequest(r, r.path() + "?" + query, 10, 10).question().kind());
            assertEquals(r.tag(), r.kind().tag());
        }
    }
}

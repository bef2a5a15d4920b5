package io.packetstream.query.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTest {

    @Test
    void findsTheSixPathsExactly() {
        assertEquals(Optional.of(Route.ACTIVE_CONNECTIONS), Route.find("/api/v1/connections/active"));
        assertEquals(Optional.of(Route.PACKETS_CONTAINING), Route.find("/api/v1/packets/containing"));
        assertEquals(Optional.empty(), Route.find("/api/v1/packets/containing/"));
        assertEquals(Optional.empty(), Route.find("/API/v1/volume"));
        assertEquals(6, Route.values().length);
    }

    @Test
    void onlyPacketsComeAsCaptureFilesAndEveryQuestionAsLiveEvents() {
        for (Route r : Route.values()) {
            assertEquals(r == Route.PACKETS_CONTAINING, r.formats().contains(Format.PCAP), r.name());
            assertTrue(r.formats().contains(Format.EVENT_STREAM));
            assertEquals(Format.JSON, r.formats().get(0));
            assertTrue(r.parameters().contains("sensor"));
        }
    }

    @Test
    void theDashboardPlaceholderListsEveryRoute() {
        String page = new String(DashboardPage.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        for (Route r : Route.values()) {
            assertTrue(page.contains(r.path()), r.path());
        }
        assertFalse(page.contains("<script"));
    }
}

package io.packetstream.query.http;

import io.packetstream.query.read.Question;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentNegotiationTest {

    private static final List<Format> TABLE = Route.of(Question.Kind.VOLUME).formats();
    private static final List<Format> PACKETS = Route.of(Question.Kind.PACKETS_CONTAINING).formats();

    private static Optional<Format> select(String accept, List<Format> formats) {
        return ContentNegotiation.select(accept, formats);
    }

    @Test
    void noHeaderOrAWildcardMeansJson() {
        assertEquals(Optional.of(Format.JSON), select(null, PACKETS));
        assertEquals(Optional.of(Format.JSON), select("", PACKETS));
        assertEquals(Optional.of(Format.JSON), select("*/*", PACKETS));
        assertEquals(Optional.of(Format.JSON), select("application/*", PACKETS));
        assertEquals(Optional.of(Format.JSON), select("text/html,application/xhtml+xml,*/*;q=0.8", TABLE));
    }

    @Test
    void picksTheExactTypeAsked() {
        assertEquals(Optional.of(Format.NDJSON), select("application/x-ndjson", TABLE));
        assertEquals(Optional.of(Format.PCAP), select("application/vnd.tcpdump.pcap", PACKETS));
        assertEquals(Optional.of(Format.PCAPNG), select("Application/X-PCAPNG", PACKETS));
        assertEquals(Optional.of(Format.JSON), select("application/json; charset=utf-8", TABLE));
    }

    @Test
    void qualitiesAndOrderDecide() {
        assertEquals(Optional.of(Format.NDJSON), select("application/json;q=0.5, application/x-ndjson", TABLE));
        assertEquals(Optional.of(Format.NDJSON), select("application/x-ndjson, application/json", TABLE));
        assertEquals(Optional.of(Format.PCAP),
                select("application/vnd.tcpdump.pcap, */*;q=0.1", PACKETS));
        // a more specific range overrides a wildcard's quality
        assertEquals(Optional.of(Format.NDJSON), select("*/*, application/json;q=0", TABLE));
    }

    @Test
    void emptyRangesAreNoRangesNotAnError() {
        assertEquals(Optional.empty(), select(";", TABLE));
        assertEquals(Optional.empty(), select(";;;", TABLE));
        assertEquals(Optional.empty(), select(" ; , ;q=1", TABLE));
        assertEquals(Optional.of(Format.JSON), select("application/json,;", TABLE));
        assertEquals(Optional.of(Format.NDJSON), select(";, application/x-ndjson;;", TABLE));
    }

    @Test
    void nothingProducibleIsEmpty() {
        assertEquals(Optional.empty(), select("application/vnd.tcpdump.pcap", TABLE));
        assertEquals(Optional.empty(), select("text/*", TABLE));
        assertEquals(Optional.empty(), select("application/json;q=0", TABLE));
        assertEquals(Optional.empty(), select("garbage", TABLE));
    }

    @Test
    void liveEventsOnlyWhenAskedByName() {
        assertEquals(Optional.of(Format.EVENT_STREAM), select("text/event-stream", TABLE));
        assertEquals(Optional.of(Format.EVENT_STREAM), select("text/event-stream", PACKETS));
        assertEquals(Optional.of(Format.EVENT_STREAM), select("text/event-stream, */*;q=0.5", TABLE));
        assertEquals(Optional.of(Format.JSON), select("*/*", TABLE));
        assertEquals(Optional.of(Format.JSON), select("text/*, application/json;q=0.1", TABLE));
        assertEquals(Optional.of(Format.NDJSON), select(null, List.of(Format.EVENT_STREAM, Format.NDJSON)));
        assertEquals(Optional.of(Format.NDJSON), select("*/*", List.of(Format.NDJSON, Format.EVENT_STREAM)));
    }
}

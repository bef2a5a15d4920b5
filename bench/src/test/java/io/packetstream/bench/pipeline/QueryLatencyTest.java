package io.packetstream.bench.pipeline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryLatencyTest {

    @Test
    void countsTheTopLevelResultsWhereverTheyStandAndWhateverTheyHold() throws IOException {
        assertEquals(3, count("""
                {"question": "q6", "meta": {"results": [1, 2, 3, 4, 5]},
                 "results": [{"host": "10.0.0.1", "outsidePeers": ["1.1.1.1", "8.8.8.8"]}, {"host": "10.0.0.2",
                 "outsidePeers": []}, {"host": "10.0.0.3", "nested": {"results": [[1], [2]]}}], "after": [1]}
                """));
        assertEquals(0, count("{\"results\": []}"));
        assertEquals(0, count("{\"error\": \"bad parameter\"}"));
        assertEquals(0, count("[1, 2]"));
    }

    private static long count(String json) throws IOException {
        return QueryLatency.countResults(json.getBytes(StandardCharsets.UTF_8));
    }
}

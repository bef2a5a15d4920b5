package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.testsupport.captures.CaptureFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays real captures (Ethernet with IPv4/IPv6, VLAN tags, Linux cooked v2, BSD loopback), each as its own sensor,
 * through capture agent → Redis → indexer → query service, and compares every answer with the one the independent
 * reference ({@code test-support/scripts/reference.py}, cross-checked against tshark) computed for the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode golden;
    private Pipeline pipeline;

    @BeforeAll
    void replayTheCaptures() throws Exception {
        golden = JSON.readTree(CaptureFixtures.file("expected/pipeline.json").toFile());
        pipeline = Pipeline.start();
        for (JsonNode capture : golden.path("captures")) {
            pipeline.replay(CaptureFixtures.file(capture.path("file").asText()), capture.path("sensor").asText());
        }
        pipeline.awaitIndexed();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @TestFactory
    List<DynamicTest> everyAnswerMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.path("cases")) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                JsonNode answer = pipeline.get(c.path("path").asText(), params(c), "application/json");
                assertAnswer(c, (ArrayNode) answer.path("results"));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> ndjsonStreamsTheSameResults() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.path("cases")) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                ArrayNode lines = pipeline.getNdjson(c.path("path").asText(), params(c));
                if (c.path("path").asText().endsWith("/packets/containing")) {
                    // matches stream in scan (stream) order, not capture-time order: compare as a set
                    lines = sortedByTime(lines);
                }
                assertAnswer(c, lines);
            }));
        }
        return tests;
    }

    @Test
    void metaSaysHowFreshTheAnswerIs() throws Exception {
        JsonNode meta = pipeline.get("/api/v1/hosts/talking-outside", Map.of(), "application/json").path("meta");
        long newest = golden.path("cases").findValues("time").stream().mapToLong(t -> CaptureTime.parse(t.asText()))
                .max().orElseThrow();
        assertTrue(CaptureTime.parse(meta.path("newestCaptureTime").asText()) >= newest, meta.toString());
        assertEquals(0, meta.path("pendingEntries").asLong(), meta.toString());
    }

    private static Map<String, String> params(JsonNode c) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    private static void assertAnswer(JsonNode c, ArrayNode actual) {
        ArrayNode expected = (ArrayNode) c.path("results");
        String path = c.path("path").asText();
        assertEquals(expected.size(), actual.size(), () -> "result count of " + c.path("name").asText()
                + "\nexpected " + expected + "\nactual   " + actual);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode want = (ObjectNode) expected.get(i).deepCopy();
            ObjectNode got = (ObjectNode) actual.get(i).deepCopy();
            if (path.endsWith("/connections/active")) {
                assertLastSeen(want.remove("lastSeen").asText(), got.remove("lastSeen").asText(),
                        c.path("params").path("at").asText());
            }
            if (path.endsWith("/packets/containing")) {
                String id = got.remove("id").asText();
                assertTrue(id.matches("\\d+/\\d+-\\d+/\\d+"), "packet id " + id);
                assertTrue(ids.add(id), "duplicate packet id " + id);
            }
            got.retain(iterable(want.fieldNames())); // the design allows extra fields (e.g. capturedLength)
            assertEquals(normalise(want), normalise(got), "result " + i + " of " + c.path("name").asText());
        }
    }

    /**
     * The index keeps the first and last packet of each second, so lastSeen is exact unless the newest packet at or
     * before t lies inside t's own second between those two; then it is that second's first packet. Either way it
     * is a real packet time inside the window.
     */
    private static void assertLastSeen(String expected, String actual, String at) {
        long want = CaptureTime.parse(expected);
        long got = CaptureTime.parse(actual);
        long t = CaptureTime.parse(at);
        assertTrue(got > t - CaptureTime.NANOS_PER_SECOND && got <= want, actual + " not in (" + at + " - 1 s, " + expected + "]");
        if (CaptureTime.epochSecond(want) < CaptureTime.epochSecond(t)) {
            assertEquals(want, got, "lastSeen in the earlier second is exact");
        }
    }

    private static ArrayNode sortedByTime(ArrayNode packets) {
        List<JsonNode> list = new ArrayList<>();
        packets.forEach(list::add);
        list.sort(java.util.Comparator.comparingLong((JsonNode p) -> CaptureTime.parse(p.path("time").asText()))
                .thenComparing(p -> p.path("sensor").asText()));
        return JSON.createArrayNode().addAll(list);
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** Compares times as instants, whatever number of fractional digits each side printed. */
    private static JsonNode normalise(ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (List.of("time", "minute", "lastSeen").contains(field.getKey())) {
                field.setValue(JSON.getNodeFactory().numberNode(CaptureTime.parse(field.getValue().asText())));
            }
        }
        return node;
    }
}

package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.testsupport.captures.CaptureFixtures;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The independent expectations ({@code expected/pipeline.json}, computed by {@code test-support/scripts/reference.py}
 * from the captures) and how an answer is compared with them.
 */
final class GoldenAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenAnswers() {
    }

    /** @return the captures to replay ({@code captures}: file, sensor) and the cases to ask ({@code cases}) */
    static JsonNode load() throws IOException {
        return JSON.readTree(CaptureFixtures.file("expected/pipeline.json").toFile());
    }

    static Map<String, String> params(JsonNode c) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    static void assertAnswer(JsonNode c, ArrayNode actual) {
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

    static ArrayNode sortedByTime(ArrayNode packets) {
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

    /** @return the expected results of the named case */
    static List<JsonNode> results(JsonNode golden, String caseName) {
        for (JsonNode c : golden.path("cases")) {
            if (c.path("name").asText().equals(caseName)) {
                List<JsonNode> results = new ArrayList<>();
                c.path("results").forEach(results::add);
                return results;
            }
        }
        throw new AssertionError("no golden case " + caseName);
    }

    /** @return a question-6 change event as {@code "host outsidePeer"} */
    static String outsidePair(JsonNode event) {
        return event.path("host").asText() + " " + event.path("outsidePeer").asText();
    }
}

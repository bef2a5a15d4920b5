package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.testsupport.captures.CaptureFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A golden file of test-support ({@code captures/expected/*.json}): the captures, what each holds, and the answers
 * the independent reference ({@code test-support/scripts/reference.py}, cross-checked against tshark) computed for
 * them; and how an answer of the query service is compared with one of them.
 */
public final class GoldenAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A capture replayed as {@code sensor}: its records, and the IP packets and their bytes the index counts. */
    public record Capture(String file, String sensor, long packets, long ipPackets, long ipBytes) {
        public Path path() {
            return CaptureFixtures.file(file);
        }
    }

    private final JsonNode doc;

    private GoldenAnswers(JsonNode doc) {
        this.doc = doc;
    }

    /** @param name a file under {@code captures/expected/}, e.g. {@code pipeline.json} */
    public static GoldenAnswers load(String name) {
        try {
            return new GoldenAnswers(JSON.readTree(CaptureFixtures.file("expected/" + name).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Capture> captures() {
        List<Capture> captures = new ArrayList<>();
        for (JsonNode c : doc.path("captures")) {
            captures.add(new Capture(c.path("file").asText(), c.path("sensor").asText(), c.path("packets").asLong(),
                    c.path("ipPackets").asLong(), c.path("ipBytes").asLong()));
        }
        return captures;
    }

    /** @return the cases: {@code name}, {@code path}, {@code params}, {@code results} */
    public List<JsonNode> cases() {
        List<JsonNode> cases = new ArrayList<>();
        doc.path("cases").forEach(cases::add);
        return cases;
    }

    /** @return the newest packet time any case names */
    public long newestTimeNamed() {
        return doc.path("cases").findValues("time").stream().mapToLong(t -> CaptureTime.parse(t.asText()))
                .max().orElseThrow();
    }

    public static Map<String, String> params(JsonNode c) {
        Map<String, String> params = new LinkedHashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    public static boolean isByteSearch(JsonNode c) {
        return c.path("path").asText().endsWith("/packets/containing");
    }

    /** Fails unless {@code actual} (the results, sorted as the API sorts them) is the case's expected answer. */
    public static void assertAnswer(JsonNode c, ArrayNode actual) {
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
            if (isByteSearch(c)) {
                String id = got.remove("id").asText();
                assertTrue(id.matches("\\d+/\\d+-\\d+/\\d+"), "packet id " + id);
                assertTrue(ids.add(id), "duplicate packet id " + id);
            }
            got.retain(iterable(want.fieldNames())); // the design allows extra fields (e.g. capturedLength)
            assertEquals(normalise(want), normalise(got), "result " + i + " of " + c.path("name").asText());
        }
    }

    /** Question 5's matches in capture-time order, as the golden file lists them (NDJSON streams scan order). */
    public static ArrayNode sortedByTime(ArrayNode packets) {
        List<JsonNode> list = new ArrayList<>();
        packets.forEach(list::add);
        list.sort(Comparator.comparingLong((JsonNode p) -> CaptureTime.parse(p.path("time").asText()))
                .thenComparing(p -> p.path("sensor").asText()));
        return JSON.createArrayNode().addAll(list);
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

    /** @return the expected results of the named case of a golden document */
    public static List<JsonNode> results(JsonNode golden, String caseName) {
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
    public static String outsidePair(JsonNode event) {
        return event.path("host").asText() + " " + event.path("outsidePeer").asText();
    }
}

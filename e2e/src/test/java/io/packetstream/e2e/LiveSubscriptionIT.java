package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import io.packetstream.testsupport.captures.CaptureFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live subscriptions end to end: a client subscribes before any traffic, real captures are replayed through agent
 * and indexer, the client disconnects midway, more traffic arrives, and it resumes with Last-Event-ID on a SECOND
 * query-service instance. What it received in total must equal the independent reference's answer for the same
 * captures, with no event twice.
 */
class LiveSubscriptionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Pipeline pipeline;
    private QueryService second;
    private JsonNode golden;

    @BeforeEach
    void start() throws Exception {
        golden = JSON.readTree(CaptureFixtures.file("expected/pipeline.json").toFile());
        pipeline = Pipeline.start();
        second = QueryService.start(QueryOptions.defaults().withPort(0), pipeline.redis, pipeline.keys,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        second.close();
        pipeline.close();
    }

    @Test
    void aStandingByteSearchSeesEveryMatchingPacketOnceAcrossAReconnectToAnotherInstance() throws Exception {
        String path = "api/v1/packets/containing?hex=35AFF8";
        Set<String> expected = new TreeSet<>();
        for (JsonNode p : GoldenAnswers.results(golden, "q5-containing-35AFF8")) {
            if (Set.of("s1", "s2").contains(p.path("sensor").asText())) {
                expected.add(packetKey(p));
            }
        }
        List<String> received = new ArrayList<>();
        String lastId;
        try (SseClient first = SseClient.open(pipeline.uri() + path, Optional.empty())) {
            assertTrue(first.await("answer", e -> !e.isEmpty(), WAIT), "answer event");
            assertEquals(0, first.events("answer").get(0).data().path("results").size(), "nothing indexed yet");
            pipeline.replay(CaptureFixtures.file("ethernet.pcap"), "s1");
            assertTrue(first.await("change", e -> !e.isEmpty(), WAIT), "no live event for s1's packets");
            pipeline.awaitIndexed();
            Thread.sleep(300);
            for (SseClient.Event e : first.events("change")) {
                received.add(packetKey(e.data()));
            }
            lastId = first.events("change").get(first.events("change").size() - 1).id();
        }
        pipeline.replay(CaptureFixtures.file("vlan.pcap"), "s2"); // while nobody listens
        pipeline.awaitIndexed();
        try (SseClient resumed = SseClient.open(second.uri() + path, Optional.of(lastId))) {
            assertTrue(resumed.await("change", e -> received.size() + e.size() >= expected.size(), WAIT),
                    "resumed stream did not deliver the missed packets");
            Thread.sleep(300);
            assertTrue(resumed.events("answer").isEmpty(), "a resumed stream sends no answer again");
            for (SseClient.Event e : resumed.events("change")) {
                received.add(packetKey(e.data()));
            }
        }
        assertEquals(received.size(), new HashSet<>(received).size(), "a packet was delivered twice: " + received);
        assertEquals(expected, new TreeSet<>(received));
    }

    @Test
    void talkersToOutsideHostsArriveLiveAndTheResumedUnionIsTheReferenceAnswer() throws Exception {
        String path = "api/v1/hosts/talking-outside";
        Set<String> expected = new TreeSet<>(); // the reference's answer over all four captures
        for (JsonNode host : GoldenAnswers.results(golden, "q6-outside-all")) {
            host.path("outsidePeers").forEach(peer -> expected.add(host.path("host").asText() + " " + peer.asText()));
        }
        List<String> received = new ArrayList<>();
        String lastId;
        try (SseClient first = SseClient.open(pipeline.uri() + path, Optional.empty())) {
            assertTrue(first.await("answer", e -> !e.isEmpty(), WAIT), "answer event");
            pipeline.replay(CaptureFixtures.file("ethernet.pcap"), "s1");
            pipeline.awaitIndexed();
            assertTrue(first.await("change", e -> !e.isEmpty(), WAIT), "no live event");
            Thread.sleep(300);
            first.events("change").forEach(e -> received.add(GoldenAnswers.outsidePair(e.data())));
            lastId = first.events("change").get(first.events("change").size() - 1).id();
        }
        pipeline.replay(CaptureFixtures.file("vlan.pcap"), "s2");
        pipeline.replay(CaptureFixtures.file("sll2.pcap"), "s3");
        pipeline.replay(CaptureFixtures.file("bsd-loopback.pcap"), "s4");
        pipeline.awaitIndexed();
        try (SseClient resumed = SseClient.open(second.uri() + path, Optional.of(lastId))) {
            assertTrue(resumed.await("change", e -> !e.isEmpty(), WAIT), "nothing after resuming");
            Thread.sleep(500);
            resumed.events("change").forEach(e -> received.add(GoldenAnswers.outsidePair(e.data())));
        }
        assertEquals(expected, new TreeSet<>(received), "the union of live events is the reference's answer");
    }

    private static String packetKey(JsonNode p) {
        return io.packetstream.core.time.CaptureTime.parse(p.path("time").asText()) + " " + p.path("sensor").asText()
                + " " + p.path("src").asText() + ":" + p.path("srcPort").asText() + ">" + p.path("dst").asText() + ":"
                + p.path("dstPort").asText() + " " + p.path("length").asText();
    }
}

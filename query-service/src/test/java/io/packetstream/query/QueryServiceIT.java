package io.packetstream.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.packetstream.query.fixture.IndexFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The six questions end to end over HTTP, against index keys written straight from docs/architecture.md on two
 * shards and two sensors, plus an entry on the stream no indexer has acknowledged yet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServiceIT {

    private static final byte[] SEQ = HexFormat.of().parseHex("35aff8");

    static final TestPacket P1 = TestPacket.tcp("2026-11-21T09:38:12.100Z", "s1", "10.0.0.1", 51515, "172.16.9.33", 80,
            0x02, new byte[0]);
    static final TestPacket P2 = TestPacket.tcp("2026-11-21T09:38:12.200Z", "s1", "172.16.9.33", 80, "10.0.0.1", 51515,
            0x12, new byte[0]);
    static final TestPacket P3 = TestPacket.tcp("2026-11-21T09:38:12.300Z", "s1", "10.0.0.1", 51515, "172.16.9.33", 80,
            0x18, concat("GET /?".getBytes(StandardCharsets.US_ASCII), SEQ, " HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    /** Its destination 53.175.248.10 is 35 AF F8 0A: the sequence in a header, never a match. */
    static final TestPacket P4 = TestPacket.udp("2026-11-21T09:38:13.050Z", "s2", "10.10.0.11", 5353, "53.175.248.10",
            53, "query".getBytes(StandardCharsets.US_ASCII));
    static final TestPacket P5 = TestPacket.udp("2026-11-21T09:39:30Z", "s1", "fd00::1", 40000, "2001:db8::53", 53,
            concat("abc".getBytes(StandardCharsets.US_ASCII), SEQ));
    static final TestPacket P6 = TestPacket.tcp("2026-11-21T09:41:00.500Z", "s1", "10.0.0.1", 51516, "172.16.9.33",
            443, 0x02, new byte[0]);
    static final TestPacket P7 = TestPacket.rawUdp("2026-11-21T09:42:00Z", "s2", "192.168.1.5", 1000, "192.168.1.6",
            2000, concat(SEQ, new byte[]{0}));
    /** On the stream, delivered to an indexer, not yet indexed. */
    static final TestPacket P8 = TestPacket.udp("2026-11-21T09:45:00Z", "s1", "10.0.0.2", 3000, "10.0.0.3", 4000, SEQ);

    private final KeySchema keys = new KeySchema("qit-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<String> ids = new ArrayList<>();
    private IndexFixture fixture;
    private QueryService service;
    private Http http;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() {
        String uri = TestRedis.shared().uri();
        fixture = new IndexFixture(uri, keys);
        fixture.shards(2);
        String batch = fixture.add(0, List.of(P1, P2, P3));
        ids.add("0/" + batch + "/2");
        String p4 = fixture.add(1, List.of(P4));
        ids.add("1/" + fixture.add(1, List.of(P5)) + "/0");
        String p6 = fixture.add(0, List.of(P6));
        ids.add("1/" + fixture.add(1, List.of(P7)) + "/0");
        ids.add("0/" + fixture.append(0, List.of(P8)) + "/0");
        fixture.redis().xgroupCreate(XReadArgs.StreamOffset.from(b(keys.stream(0)), p6), b(KeySchema.CONSUMER_GROUP));
        fixture.redis().xreadgroup(Consumer.from(b(KeySchema.CONSUMER_GROUP), b("c1")), XReadArgs.Builder.count(1),
                XReadArgs.StreamOffset.lastConsumed(b(keys.stream(0))));
        assertFalse(p4.isEmpty());
        PrometheusMeterRegistry registry = Observability.registry("query");
        QueryOptions options = QueryOptions.defaults().withPort(0).withQueryTimeout(Duration.ofSeconds(10))
                .withPages(2, 1).withWholeRead(2); // tiny pages: every paging path runs, and whole reads
        service = QueryService.start(options, RedisOptions.of(uri), keys, registry);
        http = new Http(service.uri());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private JsonNode ok(String path) {
        HttpResponse<byte[]> r = http.get(path);
        assertEquals(200, r.statusCode(), () -> path + " -> " + new String(r.body()));
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        return Http.json(r);
    }

    private static String results(JsonNode answer) {
        return answer.get("results").toString();
    }

    @Test
    void activeConnectionsAtAPacketTimeIncludeThatPacket() {
        JsonNode a = ok("/api/v1/connections/active?at=2026-11-21T09:38:12.3Z");
        assertEquals("[{\"protocol\":\"tcp\",\"src\":\"10.0.0.1\",\"srcPort\":51515,\"dst\":\"172.16.9.33\","
                + "\"dstPort\":80,\"lastSeen\":\"2026-11-21T09:38:12.300Z\"}]", results(a));
        assertEquals("exact", a.get("meta").get("resolution").asText());
        assertEquals("2026-11-21T09:38:12.300Z", a.get("meta").get("at").asText());
    }

    @Test
    void activeConnectionsSpanTwoSecondsAndShards() {
        JsonNode a = ok("/api/v1/connections/active?at=2026-11-21T09:38:13.1Z");
        assertEquals("[{\"protocol\":\"tcp\",\"src\":\"10.0.0.1\",\"srcPort\":51515,\"dst\":\"172.16.9.33\","
                + "\"dstPort\":80,\"lastSeen\":\"2026-11-21T09:38:12.300Z\"},"
                + "{\"protocol\":\"udp\",\"src\":\"10.10.0.11\",\"srcPort\":5353,\"dst\":\"53.175.248.10\","
                + "\"dstPort\":53,\"lastSeen\":\"2026-11-21T09:38:13.050Z\"}]", results(a));
    }

    @Test
    void aPacketExactlyOneSecondBeforeIsNoLongerActive() {
        assertEquals(List.of("udp"), protocols(ok("/api/v1/connections/active?at=2026-11-21T09:38:13.3Z")));
        assertEquals(List.of("tcp", "udp"),
                protocols(ok("/api/v1/connections/active?at=1795253893.299999999")));
    }

    @Test
    void activeConnectionsDefaultToTheNewestTimeIndexed() {
        JsonNode a = ok("/api/v1/connections/active");
        assertEquals("[{\"protocol\":\"udp\",\"src\":\"192.168.1.6\",\"srcPort\":2000,\"dst\":\"192.168.1.5\","
                + "\"dstPort\":1000,\"lastSeen\":\"2026-11-21T09:42:00Z\"}]", results(a));
        assertEquals("2026-11-21T09:42:00.000000999Z", a.get("meta").get("at").asText());
        assertEquals("[]", results(ok("/api/v1/connections/active?sensor=s1")));
    }

    private static List<String> protocols(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("results").forEach(r -> out.add(r.get("protocol").asText()));
        return out;
    }

    @Test
    void volumeSumsBothDirectionsPerMinute() {
        long bytes38 = P1.originalLength() + P2.originalLength() + P3.originalLength();
        String expected = "[{\"minute\":\"2026-11-21T09:38:00Z\",\"packets\":3,\"bytes\":" + bytes38 + "},"
                + "{\"minute\":\"2026-11-21T09:41:00Z\",\"packets\":1,\"bytes\":" + P6.originalLength() + "}]";
        JsonNode a = ok("/api/v1/volume?a=172.16.9.33&b=10.0.0.1");
        assertEquals(expected, results(a));
        assertEquals("1m", a.get("meta").get("resolution").asText());
        assertEquals(expected, results(ok("/api/v1/volume?a=10.0.0.1&b=172.16.9.33")));
    }

    @Test
    void volumeTakesAMinuteIffItOverlapsTheRange() {
        assertEquals(2, ok("/api/v1/volume?a=10.0.0.1&b=172.16.9.33&from=2026-11-21T09:38:59.999999999Z")
                .get("results").size());
        JsonNode late = ok("/api/v1/volume?a=10.0.0.1&b=172.16.9.33&from=2026-11-21T09:39:00Z");
        assertEquals(1, late.get("results").size());
        assertEquals("2026-11-21T09:41:00Z", late.get("results").get(0).get("minute").asText());
        assertEquals("2026-11-21T09:38:00Z", ok("/api/v1/volume?a=10.0.0.1&b=172.16.9.33&to=2026-11-21T09:38:00Z")
                .get("results").get(0).get("minute").asText());
        assertEquals("[]", results(ok("/api/v1/volume?a=10.0.0.1&b=172.16.9.33&sensor=s2")));
    }

    @Test
    void hostsConnectedToAnEndpoint() {
        assertEquals("[{\"host\":\"10.0.0.1\"}]", results(ok("/api/v1/hosts/connected-to?ip=172.16.9.33")));
        assertEquals("[{\"host\":\"10.0.0.1\"}]", results(ok("/api/v1/hosts/connected-to?ip=172.16.9.33&port=443")));
        assertEquals("[{\"host\":\"172.16.9.33\"}]",
                results(ok("/api/v1/hosts/connected-to?ip=10.0.0.1&port=51515")));
        assertEquals("[{\"host\":\"fd00::1\"}]",
                results(ok("/api/v1/hosts/connected-to?ip=2001:DB8:0::53&port=53")));
        assertEquals("[]", results(ok("/api/v1/hosts/connected-to?ip=172.16.9.33&from=2026-11-21T09:39:00Z")));
        assertEquals("[]", results(ok("/api/v1/hosts/connected-to?ip=172.16.9.33&port=22")));
    }

    @Test
    void wellKnownServicesPerHostIpv4First() {
        assertEquals("[{\"host\":\"53.175.248.10\",\"ports\":[53]},{\"host\":\"172.16.9.33\",\"ports\":[80,443]},"
                + "{\"host\":\"2001:db8::53\",\"ports\":[53]}]", results(ok("/api/v1/hosts/well-known-services")));
        JsonNode late = ok("/api/v1/hosts/well-known-services?from=2026-11-21T09:40:00Z");
        assertEquals("[{\"host\":\"172.16.9.33\",\"ports\":[443]}]", results(late));
        assertEquals("2026-11-21T09:40:00Z", late.get("meta").get("effectiveRange").get("from").asText());
        assertEquals("2026-11-21T09:59:59.999999999Z", late.get("meta").get("effectiveRange").get("to").asText());
    }

    @Test
    void localHostsTalkingOutside() {
        assertEquals("[{\"host\":\"10.10.0.11\",\"outsidePeers\":[\"53.175.248.10\"]},"
                + "{\"host\":\"fd00::1\",\"outsidePeers\":[\"2001:db8::53\"]}]",
                results(ok("/api/v1/hosts/talking-outside")));
        assertEquals("[{\"host\":\"10.10.0.11\",\"outsidePeers\":[\"53.175.248.10\"]}]",
                results(ok("/api/v1/hosts/talking-outside?sensor=s2")));
    }

    @Test
    void packetsContainingMatchOnlyPayloadsNeverHeaders() {
        JsonNode a = ok("/api/v1/packets/containing?hex=35AFF8");
        assertEquals(ids, idsOf(a));
        JsonNode first = a.get("results").get(0);
        assertEquals("{\"id\":\"" + ids.get(0) + "\",\"time\":\"2026-11-21T09:38:12.300Z\",\"sensor\":\"s1\","
                + "\"protocol\":\"tcp\",\"src\":\"10.0.0.1\",\"srcPort\":51515,\"dst\":\"172.16.9.33\",\"dstPort\":80,"
                + "\"length\":" + P3.originalLength() + ",\"capturedLength\":" + P3.originalLength() + "}",
                first.toString());
        JsonNode meta = a.get("meta");
        assertEquals("exact", meta.get("resolution").asText());
        assertEquals(8, meta.get("packetsScanned").asLong());
        assertFalse(meta.get("limitReached").asBoolean());
        assertEquals("[0,1]", meta.get("shards").get("answered").toString());
        assertEquals(7, meta.get("packetsIndexed").asLong());
        assertEquals(1, meta.get("pendingEntries").asLong());
        assertEquals("2026-11-21T09:42:00Z", meta.get("newestCaptureTime").asText());
        assertEquals("2026-11-21T09:38:12.100Z", meta.get("oldestCaptureTime").asText());
        assertEquals("[]", results(ok("/api/v1/packets/containing?hex=35aff80a")));
    }

    @Test
    void packetsContainingHonourRangeSensorAndLimit() {
        assertEquals(List.of(ids.get(1), ids.get(2)), idsOf(ok(
                "/api/v1/packets/containing?hex=35aff8&from=2026-11-21T09:39:00Z&to=2026-11-21T09:43:00Z")));
        assertEquals(List.of(ids.get(3)), idsOf(ok("/api/v1/packets/containing?hex=35aff8&from=2026-11-21T09:44:00Z")));
        assertEquals(List.of(ids.get(0)), idsOf(ok("/api/v1/packets/containing?hex=35aff8&to=2026-11-21T09:39:00Z")));
        assertEquals(List.of(ids.get(2)), idsOf(ok("/api/v1/packets/containing?hex=35aff8&sensor=s2")));
        JsonNode one = ok("/api/v1/packets/containing?hex=35aff8&limit=1");
        assertEquals(List.of(ids.get(0)), idsOf(one));
        assertTrue(one.get("meta").get("limitReached").asBoolean());
    }

    private static List<String> idsOf(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("results").forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    @Test
    void ndjsonIsOneResultPerLineStreamed() {
        HttpResponse<byte[]> r = http.get("/api/v1/packets/containing?hex=35aff8", "application/x-ndjson");
        assertEquals(200, r.statusCode());
        assertEquals("application/x-ndjson", r.headers().firstValue("content-type").orElse(""));
        assertTrue(r.headers().firstValue("content-length").isEmpty(), "chunked, not buffered");
        String[] lines = new String(r.body(), StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        List<String> got = new ArrayList<>();
        for (String line : lines) {
            got.add(Http.json(line).get("id").asText());
        }
        assertEquals(ids, got);
        String hosts = new String(http.get("/api/v1/hosts/talking-outside", "application/x-ndjson").body(),
                StandardCharsets.UTF_8);
        assertEquals("{\"host\":\"10.10.0.11\",\"outsidePeers\":[\"53.175.248.10\"]}\n"
                + "{\"host\":\"fd00::1\",\"outsidePeers\":[\"2001:db8::53\"]}\n", hosts);
    }

    @Test
    void pcapHoldsTheMatchingFramesAsCaptured() throws Exception {
        HttpResponse<byte[]> r = http.get("/api/v1/packets/containing?hex=35aff8", "application/vnd.tcpdump.pcap");
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.tcpdump.pcap", r.headers().firstValue("content-type").orElse(""));
        byte[] pcap = r.body();
        assertEquals("a1b23c4d", HexFormat.of().formatHex(pcap, 0, 4));
        // the raw-IP packet P7 does not fit a classic Ethernet file: P3, P5, P8 remain
        int expected = 24 + 3 * 16 + P3.frame().length + P5.frame().length + P8.frame().length;
        assertEquals(expected, pcap.length);
        List<String> lines = tshark(pcap, "pcap");
        assertEquals(List.of("1\t10.0.0.1\t\t" + P3.originalLength(), "2\t\tfd00::1\t" + P5.originalLength(),
                "3\t10.0.0.2\t\t" + P8.originalLength()), lines);
    }

    @Test
    void pcapngHoldsEveryLinkType() throws Exception {
        HttpResponse<byte[]> r = http.get("/api/v1/packets/containing?hex=35aff8", "application/x-pcapng");
        assertEquals(200, r.statusCode());
        List<String> lines = tshark(r.body(), "pcapng");
        assertEquals(4, lines.size(), lines::toString);
        assertEquals("3\t192.168.1.5\t\t" + P7.originalLength(), lines.get(2));
    }

    private static List<String> tshark(byte[] capture, String extension) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("tshark"), "tshark is not installed");
        Path file = Files.createTempFile("query-it-", "." + extension);
        try {
            Files.write(file, capture);
            Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields",
                    "-e", "frame.number", "-e", "ip.src", "-e", "ipv6.src", "-e", "frame.len")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "tshark could not read the file: " + out);
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void healthReportsRedisAndTheBacklog() {
        fixture.redis().set(b(keys.lease(1)), b("an-indexer"), io.lettuce.core.SetArgs.Builder.px(60_000));
        HttpResponse<byte[]> r = http.get("/health");
        assertEquals(200, r.statusCode());
        JsonNode h = Http.json(r);
        assertEquals("up", h.get("status").asText());
        assertEquals("up", h.get("redis").asText());
        assertEquals(1, h.get("pendingEntries").asLong());
        assertEquals(2, h.get("shards").asInt());
        assertEquals(6, h.get("streamLength").asLong());
        assertEquals("[\"s1\",\"s2\"]", h.get("sensors").toString(), "the sensors of the indexed packets");
        assertEquals(1, h.get("shardsLeased").asInt(), "only shard 1 has an indexer's lease");
    }

    @Test
    void healthShowsDeadLettersNewestFirst() {
        // written as the indexer's shard script writes them
        fixture.redis().xadd(b(keys.deadLetters(1)), b("id"), b("1795253892000-0"), b("reason"), b("unreadable"),
                b("s"), b("s1"), b("p"), new byte[]{9});
        fixture.redis().xadd(b(keys.deadLetters(0)), b("id"), b("1795253893000-0"), b("reason"), b("missing_field"),
                b("s"), b("s1"), b("p"), new byte[0]);
        JsonNode dead = Http.json(http.get("/health")).get("deadLetters");
        assertEquals(2, dead.get("count").asLong(), dead::toString);
        assertEquals("{\"shard\":0,\"entry\":\"1795253893000-0\",\"reason\":\"missing_field\"}",
                dead.get("newest").get(0).toString());
        assertEquals("unreadable", dead.get("newest").get(1).get("reason").asText());
    }

    @Test
    void metricsCountRequestsAndScannedPackets() {
        ok("/api/v1/packets/containing?hex=35aff8");
        HttpResponse<byte[]> r = http.get("/metrics");
        assertEquals(200, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("packetstream_query_requests_seconds_count{component=\"query\",question=\"q5\",status=\"200\""),
                text);
        assertTrue(text.contains("packetstream_query_packets_scanned_packets_total"), text);
        assertTrue(text.contains("packetstream_query_results_total{component=\"query\",question=\"q5\""), text);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

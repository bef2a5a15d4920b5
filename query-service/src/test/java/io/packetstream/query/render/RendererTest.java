package io.packetstream.query.render;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Answer;
import io.packetstream.query.read.Freshness;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.QueryResult;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.Host;
import io.packetstream.query.read.QueryResult.HostServices;
import io.packetstream.query.read.QueryResult.MinuteVolume;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.read.ScanProgress;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Result objects have docs/api.md's fields in its order.
 */
class RendererTest {

    private static final long T = CaptureTime.parse("2026-11-21T09:38:12.5Z");

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    private static String line(QueryResult r) {
        return new String(Renderer.line(r), StandardCharsets.UTF_8);
    }

    @Test
    void resultObjectsOfTheSixQuestions() {
        assertEquals("{\"protocol\":\"tcp\",\"src\":\"10.0.0.1\",\"srcPort\":51515,\"dst\":\"172.16.9.33\","
                + "\"dstPort\":80,\"lastSeen\":\"2026-11-21T09:38:12.500Z\"}\n", line(new ActiveConnection(6,
                new Endpoint(ip("10.0.0.1"), 51515), new Endpoint(ip("172.16.9.33"), 80), T)));
        assertEquals("{\"minute\":\"2026-11-21T09:38:00Z\",\"packets\":264,\"bytes\":28499}\n",
                line(new MinuteVolume(CaptureTime.epochMinute(T), 264, 28499)));
        assertEquals("{\"host\":\"10.10.0.11\"}\n", line(new Host(ip("10.10.0.11"))));
        assertEquals("{\"host\":\"172.16.9.33\",\"ports\":[53,80]}\n",
                line(new HostServices(ip("172.16.9.33"), List.of(53, 80))));
        assertEquals("{\"id\":\"0/1795253888611-0/3\",\"time\":\"2026-11-21T09:38:12.500Z\",\"sensor\":\"s1\","
                + "\"protocol\":\"udp\",\"src\":\"2001:db8::1\",\"srcPort\":5353,\"dst\":\"ff02::fb\",\"dstPort\":5353,"
                + "\"length\":1514,\"capturedLength\":2}\n",
                line(new PacketMatch(new PacketId(0, "1795253888611-0", 3), T, "s1", 17,
                        new Endpoint(ip("2001:0db8::0001"), 5353), new Endpoint(ip("FF02::FB"), 5353), 1514, 1,
                        new byte[2])));
        assertEquals("{\"host\":\"10.10.0.11\",\"outsidePeers\":[\"203.0.113.80\"]}\n",
                line(new OutsideTalker(ip("10.10.0.11"), List.of(ip("203.0.113.80")))));
        assertEquals("{\"protocol\":\"icmp\",\"src\":\"10.0.0.1\",\"srcPort\":0,\"dst\":\"10.0.0.2\",\"dstPort\":0,"
                + "\"lastSeen\":\"2026-11-21T09:38:12.500Z\"}\n", line(new ActiveConnection(1,
                new Endpoint(ip("10.0.0.1"), 0), new Endpoint(ip("10.0.0.2"), 0), T)));
    }

    @Test
    void addressesKeepTheirCanonicalTextInEveryDigitCount() {
        assertEquals("{\"host\":\"0.9.10.99\",\"outsidePeers\":[\"100.200.255.0\",\"2001:db8::1\"]}\n",
                line(new OutsideTalker(ip("0.9.10.99"), List.of(ip("100.200.255.0"), ip("2001:db8::1")))));
        assertEquals("{\"protocol\":\"udp\",\"src\":\"::1\",\"srcPort\":5353,\"dst\":\"255.255.255.255\","
                + "\"dstPort\":53,\"lastSeen\":\"2026-11-21T09:38:12.500Z\"}\n", line(new ActiveConnection(17,
                new Endpoint(ip("::1"), 5353), new Endpoint(ip("255.255.255.255"), 53), T)));
    }

    @Test
    void aDocumentHasResultsThenMeta() {
        Question q = new Question.Containing(new byte[]{1}, 5,
                new Question.Scope(new TimeRange(T, Long.MAX_VALUE), Optional.of("s1")));
        Answer answer = new Answer(q, List.of(0, 1), Optional.of(new TimeRange(T, Long.MAX_VALUE)), Flux.empty(),
                new ScanProgress());
        Freshness f = new Freshness(OptionalLong.of(1_795_253_888_000_000L), OptionalLong.of(1_795_253_892_500_000L),
                12, 3, OptionalLong.empty(), 7, List.of(0, 1));
        String json = new String(Renderer.document(answer, List.of(new Host(ip("10.0.0.1"))), f, Duration.ofMillis(4)),
                StandardCharsets.UTF_8);
        assertEquals("{\"results\":[{\"host\":\"10.0.0.1\"}],\"meta\":{\"question\":\"packets-containing\","
                + "\"resolution\":\"exact\",\"sensor\":\"s1\",\"range\":{\"from\":\"2026-11-21T09:38:12.500Z\",\"to\":null},"
                + "\"effectiveRange\":{\"from\":\"2026-11-21T09:38:12.500Z\",\"to\":null},"
                + "\"results\":1,\"limit\":5,\"limitReached\":false,\"packetsScanned\":0,"
                + "\"shards\":{\"count\":2,\"answered\":[0,1]},\"newestCaptureTime\":\"2026-11-21T09:38:12.500Z\","
                + "\"oldestCaptureTime\":\"2026-11-21T09:38:08Z\",\"packetsIndexed\":12,\"pendingEntries\":3,"
                + "\"consumerLag\":null,\"streamLength\":7,\"tookMs\":4}}", json);
    }

    @Test
    void errorsNameTheParameter() {
        assertEquals("{\"error\":\"hex: odd\",\"parameter\":\"hex\"}",
                new String(Renderer.error("hex: odd", Optional.of("hex")), StandardCharsets.UTF_8));
        assertEquals("{\"error\":\"redis unavailable: x\"}",
                new String(Renderer.error("redis unavailable: x", Optional.empty()), StandardCharsets.UTF_8));
    }
}

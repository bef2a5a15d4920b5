package io.packetstream.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.query.fixture.Http;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.LiveClient;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.packetstream.query.fixture.IndexFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live subscriptions against a real Redis and real HTTP: change entries are written straight into the change
 * streams in the contract's format (fields 0, 1, … holding {@link ChangeEntryFormat} blocks), index keys and packet
 * entries through {@link IndexFixture}, so the query service is tested independently of the indexer. Every test
 * has a namespace of its own, with two shards.
 */
class LiveSubscriptionIT {

    private static final Logger log = LoggerFactory.getLogger(LiveSubscriptionIT.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SSE = "text/event-stream";
    private static final byte[] SEQ = HexFormat.of().parseHex("35aff8");
    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("172.16.9.33");
    private static final IpAddress C = IpAddress.parse("10.0.0.9");
    private static final TestPacket P1 = TestPacket.tcp("2026-11-21T09:38:12.3Z", "s1", "10.0.0.1", 51515,
            "172.16.9.33", 80, 0x18, concat(new byte[]{1, 2}, SEQ));
    private static final TestPacket P2 = TestPacket.udp("2026-11-21T09:38:13.05Z", "s1", "10.10.0.11", 5353,
            "53.175.248.10", 53, new byte[]{7, 7, 7});

    private final KeySchema keys = new KeySchema("live-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<AutoCloseable> open = new ArrayList<>();
    private IndexFixture fixture;

    @BeforeEach
    void seed() {
        fixture = new IndexFixture(TestRedis.shared().uri(), keys);
        fixture.shards(2);
        fixture.add(0, List.of(P1));
        fixture.add(1, List.of(P2));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        fixture.close();
    }

    private QueryService service(SubscriptionOptions live, SimpleMeterRegistry registry) {
        QueryOptions options = QueryOptions.defaults().withPort(0).withQueryTimeout(Duration.ofSeconds(10))
                .withLive(live);
        QueryService service = QueryService.start(options, RedisOptions.of(TestRedis.shared().uri()), keys, registry);
        open.add(service);
        return service;
    }

    private QueryService service() {
        return service(SubscriptionOptions.defaults(), new SimpleMeterRegistry());
    }

    private LiveClient subscribe(QueryService service, String path, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = SSE;
        System.arraycopy(headers, 0, all, 2, headers.length);
        LiveClient client = LiveClient.open(service.uri(), path, 0, all);
        open.add(client);
        assertEquals(200, client.status(), () -> path + " -> " + client.rest());
        assertEquals(SSE, client.header("content-type").orElse(""));
        return client;
    }

    /** Appends one change entry, events in fields 0, 1, …, as the indexer's shard writer does. */
    private String xadd(int shard, ChangeEvent... events) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        List<byte[]> blocks = ChangeEntryFormat.encode(List.of(events));
        for (int i = 0; i < blocks.size(); i++) {
            fields.put(b(Integer.toString(i)), blocks.get(i));
        }
        return fixture.redis().xadd(b(keys.changes(shard)), fields);
    }

    private static long minute(String time) {
        return CaptureTime.epochMinute(CaptureTime.parse(time));
    }

    private static long nanos(String time) {
        return CaptureTime.parse(time);
    }

    private static Connection tcp(String client, int clientPort, String server, int serverPort) {
        return Connection.of(new IpPacket(IpAddress.parse(client), IpAddress.parse(server), IpPacket.TCP, clientPort,
                serverPort, true, 0, 0, 0));
    }

    private static VolumeTotals volume(String sensor, IpAddress x, IpAddress y, String minute, long packets) {
        return new VolumeTotals(sensor, x, y, minute(minute), packets, packets * 100);
    }

    private static String volumeData(String minute, long packets) {
        return "{\"minute\":\"" + minute + "\",\"packets\":" + packets + ",\"bytes\":" + packets * 100 + "}";
    }

    private static LiveClient.Event event(LiveClient client) {
        return client.nextEvent(WAIT).orElseThrow(() -> new AssertionError("the stream ended"));
    }

    private static void expectChange(LiveClient client, String id, String data) {
        LiveClient.Event e = event(client);
        assertEquals("change", e.event(), e::toString);
        assertEquals(Optional.of(id), e.id(), e::toString);
        assertEquals(data, e.data());
    }

    private static JsonNode results(QueryService service, String path) {
        HttpResponse<byte[]> r = new Http(service.uri()).get(path);
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        return Http.json(r).get("results");
    }

    private static JsonNode packetResult(QueryService service, String packetId) {
        for (JsonNode r : results(service, "/api/v1/packets/containing?hex=35aff8")) {
            if (r.get("id").asText().equals(packetId)) {
                return r;
            }
        }
        throw new AssertionError("no packet " + packetId + " in the answer");
    }

    @Test
    void everyQuestionGetsItsAnswerThenExactlyItsChanges() {
        QueryService service = service();
        String p0 = xadd(0, volume("s1", A, B, "2026-11-21T09:39:00Z", 1)); // before the subscriptions
        String q1 = "/api/v1/connections/active?sensor=s1";
        String q2 = "/api/v1/volume?a=10.0.0.1&b=172.16.9.33&sensor=s1&from=2026-11-21T09:00:00Z";
        String q3 = "/api/v1/hosts/connected-to?ip=172.16.9.33&port=80";
        String q4 = "/api/v1/hosts/well-known-services";
        String q5 = "/api/v1/packets/containing?hex=35aff8";
        String q6 = "/api/v1/hosts/talking-outside";
        List<String> paths = List.of(q1, q2, q3, q4, q5, q6);
        Map<String, LiveClient> clients = new LinkedHashMap<>();
        for (String path : paths) {
            LiveClient client = subscribe(service, path);
            LiveClient.Event answer = event(client);
            assertEquals("answer", answer.event());
            assertEquals(Optional.of(p0 + ".1,0-0.0"), answer.id(), "the positions read before the answer");
            JsonNode body = Http.json(answer.data());
            assertEquals(results(service, path), body.get("results"), path);
            assertTrue(body.get("meta").has("shards"), answer.data());
            clients.put(path, client);
        }

        String m40 = "2026-11-21T09:40:00Z";
        String m41 = "2026-11-21T09:41:00Z";
        Connection c1 = tcp("10.0.0.1", 51515, "172.16.9.33", 80);
        String match = fixture.append(0, List.of(TestPacket.udp("2026-11-21T09:40:00Z", "s1", "10.0.0.2", 3000,
                "10.0.0.3", 4000, SEQ)));
        String noMatch = fixture.append(0, List.of(TestPacket.udp("2026-11-21T09:40:01Z", "s1", "10.0.0.2", 3000,
                "10.0.0.3", 4000, new byte[]{1})));
        String x1 = xadd(0,
                new ConnectionActive("s1", c1, nanos("2026-11-21T09:40:00.5Z")),
                volume("s1", A, B, m40, 5),
                new PeerSeen("s1", minute(m40), B, 80, IpAddress.parse("10.0.0.7")),
                new ConnectionActive("s2", c1, nanos("2026-11-21T09:40:00.5Z")),
                new ServiceSeen("s1", minute(m40), new Endpoint(B, 22)),
                new OutsideSeen("s1", minute(m40), A, IpAddress.parse("203.0.113.80")),
                new EntryIndexed("s1", match),
                volume("s1", A, C, m40, 1));
        String x2 = xadd(0,
                new ConnectionInactive("s1", c1, nanos("2026-11-21T09:40:01.5Z")),
                volume("s1", B, A, m41, 6),
                new PeerSeen("s1", minute(m41), B, 443, IpAddress.parse("10.0.0.8")),
                volume("s1", A, B, "2026-11-21T08:59:00Z", 9),
                new EntryIndexed("s1", noMatch),
                new PeerSeen("s2", minute(m41), B, 80, C));
        String start1 = ",0-0.0";
        expectChange(clients.get(q1), x1 + ".1" + start1, "{\"type\":\"active\",\"protocol\":\"tcp\",\"src\":\"10.0.0.1\","
                + "\"srcPort\":51515,\"dst\":\"172.16.9.33\",\"dstPort\":80,\"time\":\"2026-11-21T09:40:00.500Z\"}");
        expectChange(clients.get(q1), x2 + ".1" + start1, "{\"type\":\"inactive\",\"protocol\":\"tcp\","
                + "\"src\":\"10.0.0.1\",\"srcPort\":51515,\"dst\":\"172.16.9.33\",\"dstPort\":80,"
                + "\"time\":\"2026-11-21T09:40:01.500Z\"}");
        expectChange(clients.get(q2), x1 + ".2" + start1, volumeData(m40, 5));
        expectChange(clients.get(q2), x2 + ".2" + start1, volumeData(m41, 6));
        expectChange(clients.get(q3), x1 + ".3" + start1, "{\"host\":\"10.0.0.7\",\"minute\":\"" + m40 + "\"}");
        expectChange(clients.get(q3), x2 + ".6" + start1, "{\"host\":\"10.0.0.9\",\"minute\":\"" + m41 + "\"}");
        expectChange(clients.get(q4), x1 + ".5" + start1, "{\"host\":\"172.16.9.33\",\"port\":22,\"minute\":\"" + m40
                + "\"}");
        expectChange(clients.get(q5), x1 + ".7" + start1, packetResult(service, "0/" + match + "/0").toString());
        expectChange(clients.get(q6), x1 + ".6" + start1, "{\"host\":\"10.0.0.1\",\"outsidePeer\":\"203.0.113.80\","
                + "\"minute\":\"" + m40 + "\"}");

        // the other shard; then one more event per question, which must be the next each client sees
        String m42 = "2026-11-21T09:42:00Z";
        String onShard1 = fixture.append(1, List.of(TestPacket.udp("2026-11-21T09:42:00Z", "s1", "10.0.0.4", 3000,
                "10.0.0.5", 4000, SEQ)));
        String y1 = xadd(1,
                volume("s1", A, B, m42, 7),
                new ConnectionActive("s1", tcp("10.0.0.2", 40000, "172.16.9.33", 443), nanos(m42)),
                new PeerSeen("s1", minute(m42), B, 80, IpAddress.parse("10.0.0.10")),
                new ServiceSeen("s1", minute(m42), new Endpoint(B, 53)),
                new OutsideSeen("s1", minute(m42), IpAddress.parse("10.0.0.3"), IpAddress.parse("203.0.113.82")),
                new EntryIndexed("s1", onShard1));
        String x2done = x2 + ".6,";
        expectChange(clients.get(q2), x2done + y1 + ".1", volumeData(m42, 7));
        expectChange(clients.get(q1), x2done + y1 + ".2", "{\"type\":\"active\",\"protocol\":\"tcp\",\"src\":\"10.0.0.2\","
                + "\"srcPort\":40000,\"dst\":\"172.16.9.33\",\"dstPort\":443,\"time\":\"2026-11-21T09:42:00Z\"}");
        expectChange(clients.get(q3), x2done + y1 + ".3", "{\"host\":\"10.0.0.10\",\"minute\":\"" + m42 + "\"}");
        expectChange(clients.get(q4), x2done + y1 + ".4", "{\"host\":\"172.16.9.33\",\"port\":53,\"minute\":\"" + m42
                + "\"}");
        expectChange(clients.get(q6), x2done + y1 + ".5", "{\"host\":\"10.0.0.3\",\"outsidePeer\":\"203.0.113.82\","
                + "\"minute\":\"" + m42 + "\"}");
        expectChange(clients.get(q5), x2done + y1 + ".6", packetResult(service, "1/" + onShard1 + "/0").toString());

        String m43 = "2026-11-21T09:43:00Z";
        String last = fixture.append(0, List.of(TestPacket.udp("2026-11-21T09:43:00Z", "s1", "10.0.0.2", 3000,
                "10.0.0.3", 4000, SEQ)));
        String z = xadd(0,
                new ConnectionActive("s1", tcp("10.0.0.5", 40001, "172.16.9.33", 80), nanos(m43)),
                volume("s1", A, B, m43, 8),
                new PeerSeen("s1", minute(m43), B, 80, IpAddress.parse("10.0.0.99")),
                new ServiceSeen("s1", minute(m43), new Endpoint(B, 25)),
                new EntryIndexed("s1", last),
                new OutsideSeen("s1", minute(m43), IpAddress.parse("10.0.0.2"), IpAddress.parse("203.0.113.81")));
        String y1done = "," + y1 + ".6";
        assertEquals(z + ".1" + y1done, event(clients.get(q1)).id().orElseThrow());
        expectChange(clients.get(q2), z + ".2" + y1done, volumeData(m43, 8));
        expectChange(clients.get(q3), z + ".3" + y1done, "{\"host\":\"10.0.0.99\",\"minute\":\"" + m43 + "\"}");
        assertEquals(z + ".4" + y1done, event(clients.get(q4)).id().orElseThrow());
        expectChange(clients.get(q5), z + ".5" + y1done, packetResult(service, "0/" + last + "/0").toString());
        assertEquals(z + ".6" + y1done, event(clients.get(q6)).id().orElseThrow());

        assertEquals(6, service.subscribers());
        clients.values().forEach(LiveClient::close);
        awaitTrue(() -> service.subscribers() == 0, "a disconnect ends the subscription");
    }

    @Test
    void aClientResumesOnAnotherInstanceWithoutGapOrDuplicate() {
        SimpleMeterRegistry registryA = new SimpleMeterRegistry();
        SimpleMeterRegistry registryB = new SimpleMeterRegistry();
        QueryService first = service(SubscriptionOptions.defaults(), registryA);
        QueryService second = service(SubscriptionOptions.defaults(), registryB);
        String path = "/api/v1/volume?a=10.0.0.1&b=172.16.9.33";
        LiveClient client = subscribe(first, path);
        assertEquals("answer", event(client).event());
        assertEquals(1.0, registryA.find(QueryMeters.SUBSCRIBERS.meterName()).tag("question", "q2").gauge().value());

        List<String> expected = new ArrayList<>();
        int packets = 0;
        for (int entry = 0; entry < 6; entry++) { // two wanted events per entry, around others, on both shards
            String m1 = String.format("2026-11-21T10:%02d:00Z", 2 * entry);
            String m2 = String.format("2026-11-21T10:%02d:00Z", 2 * entry + 1);
            xadd(entry % 2, volume("s1", A, C, m1, 1), volume("s1", A, B, m1, ++packets),
                    volume("s2", B, A, m2, ++packets), volume("s1", B, C, m2, 1));
            expected.add(volumeData(m1, packets - 1));
            expected.add(volumeData(m2, packets));
        }
        List<String> received = new ArrayList<>();
        String lastId = "";
        for (int i = 0; i < 5; i++) { // stops inside the third entry: its second event is not sent yet
            LiveClient.Event e = event(client);
            received.add(e.data());
            lastId = e.id().orElseThrow();
        }
        client.close();
        awaitTrue(() -> first.subscribers() == 0, "the disconnect ends the subscription on the first instance");
        assertEquals(0.0, registryA.find(QueryMeters.SUBSCRIBERS.meterName()).tag("question", "q2").gauge().value());
        double sent = registryA.find(QueryMeters.EVENTS_SENT.meterName()).tag("question", "q2").counter().count();
        assertTrue(sent >= 6 && sent <= 13, "the answer and the changes written out before the disconnect: " + sent);
        for (int entry = 6; entry < 9; entry++) { // written while the client is away
            String m = String.format("2026-11-21T11:%02d:00Z", entry);
            xadd(entry % 2, volume("s1", A, B, m, ++packets), volume("s1", C, B, m, 1));
            expected.add(volumeData(m, packets));
        }

        LiveClient again = subscribe(second, path, "Last-Event-ID", lastId);
        while (received.size() < expected.size()) {
            LiveClient.Event e = event(again);
            assertEquals("change", e.event(), "no answer when resuming: " + e);
            received.add(e.data());
        }
        String tail = "2026-11-21T12:00:00Z";
        xadd(1, volume("s1", A, B, tail, 1000));
        assertEquals(volumeData(tail, 1000), event(again).data(), "nothing more came before the next change");
        assertEquals(new HashSet<>(expected), new HashSet<>(received));
        assertEquals(expected.size(), Set.copyOf(received).size(), "no duplicate: " + received);
        assertEquals(1.0, registryB.find(QueryMeters.RESUMES.meterName()).counter().count());
    }

    @Test
    void aClientThatStopsReadingGetsOverflowWithTheLastIdItWasSentOthersGoOn() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // room for one burst of 100 events: a client that keeps up never overflows
        QueryService service = service(SubscriptionOptions.defaults().withSubscriberBuffer(200), registry);
        String path = "/api/v1/volume?a=10.0.0.1&b=172.16.9.33";
        LiveClient slow = LiveClient.open(service.uri(), path, 4096, "Accept", SSE);
        open.add(slow);
        assertEquals("answer", event(slow).event());
        LiveClient fast = subscribe(service, path);
        assertEquals("answer", event(fast).event());
        AtomicInteger fastChanges = new AtomicInteger();
        CompletableFuture<Void> fastReader = CompletableFuture.runAsync(() -> {
            for (Optional<LiveClient.Event> e = fast.nextEvent(WAIT); e.isPresent(); e = fast.nextEvent(WAIT)) {
                assertEquals("change", e.get().event());
                fastChanges.incrementAndGet();
            }
        });

        Counter overflows = registry.find(QueryMeters.OVERFLOWS.meterName()).tag("question", "q2").counter();
        int written = 0;
        for (int round = 0; round < 2000 && overflows.count() == 0; round++) {
            for (int entry = 0; entry < 10; entry++) {
                VolumeTotals[] events = new VolumeTotals[10];
                for (int i = 0; i < events.length; i++) {
                    events[i] = volume("s1", A, B, "2026-11-21T10:00:00Z", ++written);
                }
                xadd(entry % 2, events);
            }
            int sent = written;
            awaitTrue(() -> fastChanges.get() == sent || fastReader.isDone(), "the reading client keeps up");
            assertFalse(fastReader.isDone(), () -> "the reading client stopped: " + fastReader.handle((x, t) -> t).join()
                    + " after " + fastChanges + " of " + sent);
        }
        assertEquals(1.0, overflows.count(), "the slow client overflowed after " + written);

        String lastChange = null;
        LiveClient.Event e;
        for (e = event(slow); e.event().equals("change"); e = event(slow)) {
            lastChange = e.id().orElseThrow();
        }
        assertEquals("overflow", e.event(), e::toString);
        assertEquals(lastChange, Http.json(e.data()).get("lastEventId").asText());
        assertEquals(Optional.empty(), slow.next(WAIT), "the stream ends after the overflow");

        int total = written;
        awaitTrue(() -> fastChanges.get() == total, "the reading client got all " + total);
        assertEquals(1, service.subscribers());
        fast.close();
        fastReader.exceptionally(x -> null).get(10, TimeUnit.SECONDS);
        awaitTrue(() -> service.subscribers() == 0, "both subscriptions are gone");
        log.info("overflow after {} change events; the reading client received all of them", written);
    }

    @Test
    void silentSubscriptionsGetHeartbeatsCarryingSkippedPositions() {
        QueryService service = service(SubscriptionOptions.defaults().withHeartbeat(Duration.ofMillis(200)),
                new SimpleMeterRegistry());
        LiveClient client = subscribe(service, "/api/v1/hosts/well-known-services");
        assertEquals("answer", event(client).event());
        LiveClient.Event beat = client.next(Duration.ofSeconds(2)).orElseThrow();
        assertTrue(beat.heartbeat(), beat::toString);
        String skipped = xadd(1, volume("s1", A, B, "2026-11-21T10:00:00Z", 1));
        Optional<String> id = Optional.empty();
        for (int i = 0; i < 10 && id.isEmpty(); i++) {
            LiveClient.Event e = client.next(Duration.ofSeconds(2)).orElseThrow();
            assertTrue(e.heartbeat(), e::toString);
            id = e.id();
        }
        assertEquals(Optional.of("0-0.0," + skipped + ".1"), id, "the heartbeat moves the client past skipped events");
        LiveClient.Event plain = client.next(Duration.ofSeconds(2)).orElseThrow();
        assertTrue(plain.heartbeat() && plain.id().isEmpty(), plain::toString);
    }

    @Test
    void eachShardHasOneTailerWhileSomebodyFollowsAndStoppingTheServiceEndsTheStreams() throws InterruptedException {
        QueryService service = service(SubscriptionOptions.defaults().withTailBlock(Duration.ofMillis(200)),
                new SimpleMeterRegistry());
        List<LiveClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LiveClient c = subscribe(service, "/api/v1/hosts/well-known-services");
            assertEquals("answer", event(c).event());
            clients.add(c);
        }
        xadd(0, new ServiceSeen("s1", minute("2026-11-21T10:00:00Z"), new Endpoint(B, 22)));
        clients.forEach(c -> assertEquals("change", event(c).event()));
        awaitTrue(() -> blockedTailers().equals(List.of(tailer(0), tailer(1))), "one blocked XREAD per shard");
        clients.remove(0).close();
        Thread.sleep(600); // three BLOCK times: a tailer without subscribers would have stopped
        awaitTrue(() -> blockedTailers().equals(List.of(tailer(0), tailer(1))), "the others still follow");
        clients.forEach(LiveClient::close);
        awaitTrue(() -> blockedTailers().isEmpty(), "no reads once nobody follows");
        Thread.sleep(600);
        assertEquals(List.of(), blockedTailers(), "no reads once nobody follows");

        LiveClient last = subscribe(service, "/api/v1/hosts/well-known-services");
        assertEquals("answer", event(last).event());
        awaitTrue(() -> blockedTailers().size() == 2, "the tailers start again");
        open.remove(service);
        service.close();
        assertEquals(Optional.empty(), last.next(WAIT), "a stopping service ends its streams");
        awaitTrue(() -> blockedTailers().isEmpty(), "the tailers stopped with the service");
    }

    private String tailer(int shard) {
        return "packetstream-tail-" + keys.namespace() + "-" + shard;
    }

    /** @return the names of this namespace's tailer connections blocked in a read now, sorted */
    private List<String> blockedTailers() {
        List<String> names = new ArrayList<>();
        for (String line : fixture.redis().clientList().split("\n")) {
            String name = field(line, "name");
            if (name.startsWith(tailer(0).substring(0, tailer(0).length() - 1)) && field(line, "flags").contains("b")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private static String field(String clientLine, String name) {
        for (String f : clientLine.split(" ")) {
            if (f.startsWith(name + "=")) {
                return f.substring(name.length() + 1);
            }
        }
        return "";
    }

    @Test
    void ndjsonFollowStreamsTheSameEventsAsLines() {
        QueryService service = service();
        String path = "/api/v1/hosts/talking-outside?follow=true";
        LiveClient client = LiveClient.open(service.uri(), path, 0); // curl -N, no Accept
        open.add(client);
        assertEquals(200, client.status());
        assertEquals("application/x-ndjson", client.header("content-type").orElse(""));
        JsonNode answer = Http.json(client.nextLine(WAIT).orElseThrow());
        assertEquals("answer", answer.get("event").asText());
        assertEquals("0-0.0,0-0.0", answer.get("id").asText());
        assertEquals(results(service, "/api/v1/hosts/talking-outside"), answer.get("data").get("results"));

        String m = "2026-11-21T10:00:00Z";
        String entry = xadd(0, new OutsideSeen("s1", minute(m), A, IpAddress.parse("203.0.113.80")));
        assertEquals("{\"id\":\"" + entry + ".1,0-0.0\",\"event\":\"change\",\"data\":{\"host\":\"10.0.0.1\","
                + "\"outsidePeer\":\"203.0.113.80\",\"minute\":\"" + m + "\"}}", client.nextLine(WAIT).orElseThrow());
        client.close();

        String next = xadd(1, new OutsideSeen("s2", minute(m), C, IpAddress.parse("203.0.113.81")));
        LiveClient resumed = LiveClient.open(service.uri(), path + "&lastEventId=" + entry + ".1,0-0.0", 0,
                "Accept", "application/x-ndjson");
        open.add(resumed);
        JsonNode change = Http.json(resumed.nextLine(WAIT).orElseThrow());
        assertEquals("change", change.get("event").asText(), change::toString);
        assertEquals(entry + ".1," + next + ".1", change.get("id").asText());
        assertEquals("10.0.0.9", change.get("data").get("host").asText());
    }

    @Test
    void anIdOfAnotherDeploymentIs400AndATrimmedOneAnErrorEvent() {
        QueryService service = service();
        LiveClient wrong = LiveClient.open(service.uri(), "/api/v1/hosts/talking-outside", 0, "Accept", SSE,
                "Last-Event-ID", "1-0.0");
        open.add(wrong);
        assertEquals(400, wrong.status());
        JsonNode error = Http.json(wrong.rest());
        assertEquals("Last-Event-ID", error.get("parameter").asText());
        assertTrue(error.get("error").asText().contains("this deployment has 2"), error::toString);

        String first = xadd(0, volume("s1", A, B, "2026-11-21T10:00:00Z", 1));
        xadd(0, volume("s1", A, B, "2026-11-21T10:01:00Z", 2));
        xadd(0, volume("s1", A, B, "2026-11-21T10:02:00Z", 3));
        fixture.redis().xtrim(b(keys.changes(0)), 1);
        LiveClient trimmed = subscribe(service, "/api/v1/volume?a=10.0.0.1&b=172.16.9.33", "Last-Event-ID",
                first + ".1,0-0.0");
        LiveClient.Event e = event(trimmed);
        assertEquals("error", e.event(), e::toString);
        JsonNode data = Http.json(e.data());
        assertTrue(data.get("error").asText().contains("retention"), e::toString);
        assertEquals(first + ".1,0-0.0", data.get("lastEventId").asText());
        assertEquals(Optional.empty(), trimmed.next(WAIT), "the stream ends after the error");
    }

    @Test
    void theIdOfAnAnswerBeforeAnyChangeGetsAnErrorEventOnceChangesWereTrimmed() {
        QueryService service = service();
        String path = "/api/v1/volume?a=10.0.0.1&b=172.16.9.33";
        LiveClient early = subscribe(service, path);
        assertEquals(Optional.of("0-0.0,0-0.0"), event(early).id(), "an answer before any change");
        xadd(0, volume("s1", A, B, "2026-11-21T10:00:00Z", 1));
        xadd(0, volume("s1", A, B, "2026-11-21T10:01:00Z", 2));
        fixture.redis().xtrim(b(keys.changes(0)), 1);
        LiveClient resumed = subscribe(service, path, "Last-Event-ID", "0-0.0,0-0.0");
        LiveClient.Event e = event(resumed);
        assertEquals("error", e.event(), e::toString);
        assertTrue(Http.json(e.data()).get("error").asText().contains("retention"), e::toString);
        assertEquals(Optional.empty(), resumed.next(WAIT), "the stream ends after the error");
    }

    @Test
    void aCommittedChangeReachesTheClientWithinMilliseconds() {
        QueryService service = service();
        LiveClient client = subscribe(service, "/api/v1/volume?a=10.0.0.1&b=172.16.9.33");
        assertEquals("answer", event(client).event());
        List<Long> micros = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            long start = System.nanoTime();
            xadd(i % 2, volume("s1", A, B, "2026-11-21T10:00:00Z", i));
            assertEquals(volumeData("2026-11-21T10:00:00Z", i), event(client).data());
            micros.add((System.nanoTime() - start) / 1000);
        }
        micros.sort(null);
        long p50 = micros.get(micros.size() / 2);
        long p99 = micros.get(micros.size() * 99 / 100);
        log.info("XADD of a change entry to the client reading its event: p50 {} µs, p99 {} µs, max {} µs", p50, p99,
                micros.get(micros.size() - 1));
        assertTrue(p50 < 100_000, "p50 " + p50 + " µs");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

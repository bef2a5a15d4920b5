package io.packetstream.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.LiveClient;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that never finish a request, or stay silent, are closed after the (here short) timeouts, while live
 * subscriptions stay open past them and /health keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerLimitsIT {

    private static final Duration SHORT = Duration.ofMillis(300);

    private QueryService service;
    private Http http;
    private URI base;

    @BeforeAll
    void start() {
        KeySchema keys = new KeySchema("limits-" + UUID.randomUUID().toString().substring(0, 8));
        QueryOptions options = QueryOptions.defaults().withPort(0)
                .withLive(SubscriptionOptions.defaults().withHeartbeat(Duration.ofMillis(100)))
                .withServer(ServerLimits.defaults().withTimeouts(SHORT, SHORT, Duration.ofSeconds(1)));
        service = QueryService.start(options, RedisOptions.of(TestRedis.shared().uri()), keys,
                new SimpleMeterRegistry());
        http = new Http(service.uri());
        base = URI.create(service.uri());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aSilentConnectionIsClosed() throws IOException {
        try (Socket socket = connect()) {
            assertClosedByServer(socket);
        }
        assertEquals(200, http.get("/health").statusCode());
    }

    @Test
    void aHalfSentRequestIsClosed() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: x\r\nAccept: appl");
            assertClosedByServer(socket);
        }
        try (Socket socket = connect()) {
            send(socket, "PUT /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a little");
            assertClosedByServer(socket);
        }
        assertEquals(200, http.get("/health").statusCode());
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            String answered = assertClosedByServer(socket);
            assertTrue(answered.startsWith("HTTP/1.1 200 "), answered);
        }
    }

    @Test
    void aLiveSubscriptionOutlivesTheTimeouts() throws InterruptedException {
        try (LiveClient live = LiveClient.open(service.uri(), "/api/v1/hosts/talking-outside", 0,
                "Accept", "text/event-stream")) {
            assertEquals(200, live.status());
            assertEquals("answer", live.nextEvent(Duration.ofSeconds(10)).orElseThrow().event());
            Thread.sleep(SHORT.multipliedBy(5).toMillis());
            // still open: heartbeats keep coming long after the idle, read and request timeouts
            for (int i = 0; i < 3; i++) {
                assertTrue(live.next(Duration.ofSeconds(5)).orElseThrow().heartbeat());
            }
        }
    }

    @Test
    void pastTwoScansTheThirdGets429WhileHealthAndSmallQuestionsAnswer() {
        KeySchema keys = new KeySchema("scans-" + UUID.randomUUID().toString().substring(0, 8));
        try (IndexFixture fixture = new IndexFixture(TestRedis.shared().uri(), keys)) {
            fixture.shards(1);
            // 8,000 packets of 1.4 kB: a pcap answer of 11 MB, far more than the socket buffers of a client that
            // reads nothing hold (4 MB at most on Linux), so its scan stays in progress until the client goes
            byte[] payload = new byte[1400];
            payload[700] = 0x35;
            List<TestPacket> entry = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                entry.add(TestPacket.udp("2026-11-21T09:38:13Z", "s1", "10.0.0.1", 5000 + i, "10.0.0.2", 53, payload));
            }
            for (int i = 0; i < 125; i++) {
                fixture.append(0, entry);
            }
            QueryOptions options = QueryOptions.defaults().withPort(0)
                    .withServer(ServerLimits.defaults().withMaxConcurrentScans(2));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (QueryService limited = QueryService.start(options, RedisOptions.of(TestRedis.shared().uri()), keys,
                    registry)) {
                Http client = new Http(limited.uri());
                String scan = "/api/v1/packets/containing?hex=35&limit=100000";
                LiveClient first = LiveClient.open(limited.uri(), scan, 4096, "Accept", "application/vnd.tcpdump.pcap");
                LiveClient second = LiveClient.open(limited.uri(), scan, 4096, "Accept", "application/vnd.tcpdump.pcap");
                assertEquals(200, first.status());
                assertEquals(200, second.status());

                HttpResponse<byte[]> third = client.get(scan);
                assertEquals(429, third.statusCode(), () -> new String(third.body()));
                assertEquals("1", third.headers().firstValue("retry-after").orElse(""));
                assertTrue(Http.json(third).get("error").asText().contains("at most 2"));
                assertEquals(1, registry.get(QueryMeters.REFUSED.meterName()).tag("limit", "scans").counter().count());
                assertEquals(200, client.get("/health").statusCode());
                assertEquals(200, client.get("/api/v1/hosts/talking-outside").statusCode());

                first.close();
                second.close();
                // the permits come back when the clients go: a scan is admitted again
                HttpResponse<byte[]> again = awaitNot429(client, "/api/v1/packets/containing?hex=35&limit=1");
                assertEquals(200, again.statusCode(), () -> new String(again.body()));
                assertEquals(1, Http.json(again).get("results").size());
            } finally {
                fixture.redis().del(IndexFixture.b(keys.stream(0)));
            }
        }
    }

    @Test
    void pastTwoSubscriptionsTheThirdGets429() {
        QueryOptions options = QueryOptions.defaults().withPort(0)
                .withServer(ServerLimits.defaults().withMaxSubscriptions(2));
        try (QueryService limited = QueryService.start(options, RedisOptions.of(TestRedis.shared().uri()),
                new KeySchema("subs-" + UUID.randomUUID().toString().substring(0, 8)), new SimpleMeterRegistry())) {
            String path = "/api/v1/hosts/talking-outside";
            try (LiveClient a = LiveClient.open(limited.uri(), path, 0, "Accept", "text/event-stream");
                 LiveClient b = LiveClient.open(limited.uri(), path + "?follow=true", 0)) {
                assertEquals(200, a.status());
                assertEquals(200, b.status());
                try (LiveClient c = LiveClient.open(limited.uri(), path, 0, "Accept", "text/event-stream")) {
                    assertEquals(429, c.status());
                    assertEquals(Optional.of("1"), c.header("retry-after"));
                    assertTrue(Http.json(c.rest()).get("error").asText().contains("live subscriptions"));
                }
                // plain answers are not subscriptions
                assertEquals(200, new Http(limited.uri()).get(path).statusCode());
            }
            // both permits come back when the clients go
            for (int i = 0; i < 2; i++) {
                try (LiveClient again = awaitSubscription(limited.uri(), path)) {
                    assertEquals(200, again.status());
                }
            }
        }
    }

    private static LiveClient awaitSubscription(String base, String path) {
        for (int i = 0; i < 100; i++) {
            LiveClient c = LiveClient.open(base, path, 0, "Accept", "text/event-stream");
            if (c.status() != 429) {
                return c;
            }
            c.close();
            pause();
        }
        throw new AssertionError("still 429 after 10 s");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Retries while the answer is 429: a permit comes back once the server has seen the client go. */
    private static HttpResponse<byte[]> awaitNot429(Http client, String path) {
        for (int i = 0; i < 100; i++) {
            HttpResponse<byte[]> r = client.get(path);
            if (r.statusCode() != 429) {
                return r;
            }
            pause();
        }
        throw new AssertionError("still 429 after 10 s");
    }

    private Socket connect() {
        try {
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(10_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(Socket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return what the server sent before it closed the connection; fails when it keeps it open for 10 s */
    private static String assertClosedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for 10 s", e);
        } catch (IOException e) {
            return "closed: " + e.getMessage(); // a reset is a close too
        }
    }
}

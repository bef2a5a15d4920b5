package io.packetstream.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.query.fixture.LiveClient;
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
import java.time.Duration;
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

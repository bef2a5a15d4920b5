package io.packetstream.query;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away and coming back: the service answers 503 fast while it is gone and recovers by itself.
 */
class RedisOutageIT {

    private static final KeySchema KEYS = new KeySchema("outage");
    private static final String Q6 = "/api/v1/hosts/talking-outside";
    private static final Duration RECOVERY = Duration.ofSeconds(40);

    @Test
    void answers503WhileRedisIsDownAndRecoversWhenItReturns() {
        try (TestRedis redis = TestRedis.privateServer()) {
            seed(redis);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (QueryService service = QueryService.start(QueryOptions.defaults().withPort(0),
                    RedisOptions.of(redis.uri()), KEYS, registry)) {
                Http http = new Http(service.uri());
                assertEquals(1, Http.json(http.get(Q6)).get("results").size());

                ListAppender<ILoggingEvent> log = new ListAppender<>();
                log.start();
                Logger http503 = (Logger) LoggerFactory.getLogger("io.packetstream.query.http");
                http503.addAppender(log);
                redis.stop();
                long start = System.nanoTime();
                HttpResponse<byte[]> down = http.get(Q6);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, down.statusCode(), () -> new String(down.body()));
                assertTrue(Http.json(down).get("error").asText().startsWith("redis unavailable: "));
                assertTrue(millis < 2000, "503 took " + millis + " ms");
                assertEquals(503, http.get(Q6, "application/x-ndjson").statusCode());
                assertEquals(503, http.get("/api/v1/packets/containing?hex=00", "application/vnd.tcpdump.pcap")
                        .statusCode());
                HttpResponse<byte[]> health = http.get("/health");
                assertEquals(503, health.statusCode());
                assertEquals("down", Http.json(health).get("status").asText());
                assertTrue(registry.get(QueryMeters.REDIS_ERRORS.meterName()).tag("question", "q6").counter()
                        .count() >= 2);

                // one warning for the outage, however many requests met it
                assertEquals(1, log.list.stream().filter(e -> e.getLevel() == Level.WARN).count(),
                        () -> log.list.toString());

                redis.start();
                seed(redis);
                JsonNode back = awaitOk(http, Q6);
                assertEquals(1, back.get("results").size());
                assertEquals(200, http.get("/health").statusCode());
                assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.INFO
                        && e.getFormattedMessage().contains("redis answers again")), () -> log.list.toString());
                http503.detachAppender(log);
            }
        }
    }

    @Test
    void startsWhileRedisIsDownAndConnectsWhenItComes() {
        try (TestRedis redis = TestRedis.privateServer()) {
            redis.stop();
            try (QueryService service = QueryService.start(QueryOptions.defaults().withPort(0),
                    RedisOptions.of(redis.uri()), KEYS, new SimpleMeterRegistry())) {
                Http http = new Http(service.uri());
                assertEquals(503, http.get(Q6).statusCode());
                assertEquals(503, http.get("/health").statusCode());
                redis.start();
                seed(redis);
                assertEquals(1, awaitOk(http, Q6).get("results").size());
            }
        }
    }

    private static void seed(TestRedis redis) {
        try (IndexFixture fixture = new IndexFixture(redis.uri(), KEYS)) {
            fixture.add(0, List.of(TestPacket.udp("2026-11-21T09:38:13.050Z", "s1", "10.10.0.11", 5353,
                    "203.0.113.80", 53, new byte[]{1})));
        }
    }

    private static JsonNode awaitOk(Http http, String path) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        HttpResponse<byte[]> last = null;
        while (System.nanoTime() < deadline) {
            last = http.get(path);
            if (last.statusCode() == 200) {
                return Http.json(last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no 200 within " + RECOVERY + "; last: " + last.statusCode() + " "
                + new String(last.body()));
    }
}

package io.packetstream.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.metrics.Observability;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.fixture.Http;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP contract that needs no Redis: the service here points at a port nothing listens on, so every 400, 404,
 * 405 and 406 below also proves that bad requests never touch Redis (they would be 503s otherwise).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractIT {

    private QueryService service;
    private Http http;

    @BeforeAll
    void start() {
        PrometheusMeterRegistry registry = Observability.registry("query");
        service = QueryService.start(QueryOptions.defaults().withPort(0),
                RedisOptions.of("redis://127.0.0.1:" + RedisProcess.freePort()), new KeySchema("contract"), registry);
        http = new Http(service.uri());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.999 | b",
            "/api/v1/volume?a=10.0.0.1 | b",
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.2&a=10.0.0.3 | a",
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.2&from=yesterday | from",
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.2&from=2026-11-21T10:00:00Z&to=2026-11-21T09:00:00Z | from",
            "/api/v1/connections/active?at=2026-11-21 | at",
            "/api/v1/connections/active?from=2026-11-21T09:00:00Z | from",
            "/api/v1/hosts/connected-to?port=80 | ip",
            "/api/v1/hosts/connected-to?ip=10.0.0.1&port=65536 | port",
            "/api/v1/hosts/connected-to?ip=10.0.0.1&port=-1 | port",
            "/api/v1/hosts/connected-to?ip=host.example | ip",
            "/api/v1/hosts/well-known-services?bogus=1 | bogus",
            "/api/v1/hosts/well-known-services?sensor=a:b | sensor",
            "/api/v1/hosts/talking-outside?follow=yes | follow",
            "/api/v1/hosts/talking-outside?lastEventId=1-0.0 | lastEventId",
            "/api/v1/hosts/talking-outside?follow=true&lastEventId=nonsense | lastEventId",
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.2&follow=true&lastEventId=1-0 | lastEventId",
            "/api/v1/volume?a=10.0.0.1&b=10.0.0.2&follow=true&lastEventId=1-0.0,,2-0.1 | lastEventId",
            "/api/v1/packets/containing?hex=35AFF | hex",
            "/api/v1/packets/containing?hex= | hex",
            "/api/v1/packets/containing?hex=zz | hex",
            "/api/v1/packets/containing | hex",
            "/api/v1/packets/containing?hex=35&limit=0 | limit",
            "/api/v1/packets/containing?hex=35&limit=100001 | limit",
            "/api/v1/packets/containing?hex=35&limit=ten | limit",
    })
    void badInputIs400NamingTheParameter(String path, String parameter) {
        HttpResponse<byte[]> r = http.get(path);
        assertEquals(400, r.statusCode(), () -> new String(r.body()));
        JsonNode body = Http.json(r);
        assertEquals(parameter, body.get("parameter").asText());
        assertFalse(body.get("error").asText().isBlank());
    }

    @Test
    void unknownPathsMethodsAndFormatsAreRefused() {
        HttpResponse<byte[]> missing = http.get("/api/v1/nothing");
        assertEquals(404, missing.statusCode());
        assertTrue(Http.json(missing).get("error").asText().contains("/api/v1/nothing"));
        HttpResponse<byte[]> post = http.send("POST", "/api/v1/hosts/talking-outside", null);
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElse(""));
        HttpResponse<byte[]> pcap = http.get("/api/v1/hosts/talking-outside", "application/vnd.tcpdump.pcap");
        assertEquals(406, pcap.statusCode());
        HttpResponse<byte[]> followJson = http.get("/api/v1/hosts/talking-outside?follow=true", "application/json");
        assertEquals(406, followJson.statusCode());
        assertTrue(Http.json(followJson).get("error").asText().contains("follow=true produces application/x-ndjson"));
        // a live subscription gets past negotiation and on to Redis too
        assertEquals(503, http.get("/api/v1/hosts/talking-outside", "text/event-stream").statusCode());
        // an acceptable Accept gets past negotiation and on to Redis, which is away here
        assertEquals(503, http.get("/api/v1/hosts/talking-outside", "text/html, */*;q=0.1").statusCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "garbage", "1-0", "1-0.x", "1795253892000-0.3;", "-1-0.0", "1-0.0,", "99999999999999999999-0.0"})
    void aMalformedLastEventIdIs400NamingTheHeader(String id) {
        HttpResponse<byte[]> r = http.send("GET", "/api/v1/hosts/talking-outside", "text/event-stream",
                "Last-Event-ID", id);
        assertEquals(400, r.statusCode(), () -> new String(r.body()));
        assertEquals("Last-Event-ID", Http.json(r).get("parameter").asText());
        assertTrue(Http.json(r).get("error").asText().contains(id), () -> new String(r.body()));
    }

    @Test
    void theDashboardIsServedFromTheJarWithItsTypesAndRevalidatedByEntityTag() {
        HttpResponse<byte[]> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/dashboard/app.js"), html);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("//cdn"));
        HttpResponse<byte[]> app = http.get("/dashboard/app.js");
        assertEquals("text/javascript; charset=utf-8", app.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-cache", app.headers().firstValue("Cache-Control").orElseThrow());
        String etag = app.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = http.send("GET", "/dashboard/app.js", null, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        // the routes the forms are built from, even with Redis away
        HttpResponse<byte[]> routes = http.get("/dashboard/routes.json");
        assertEquals(200, routes.statusCode());
        assertEquals("/api/v1/packets/containing", Http.json(routes).get(4).get("path").asText());
        assertEquals(404, http.get("/dashboard/../logback.xml").statusCode());
        assertEquals(404, http.get("/dashboard/nothing.js").statusCode());
        assertEquals(405, http.send("POST", "/dashboard/app.js", null).statusCode());
    }

    @Test
    void anAcceptOfEmptyRangesIs406() {
        for (String accept : new String[]{";", ";;;", " ; , ;"}) {
            HttpResponse<byte[]> r = http.get("/api/v1/hosts/talking-outside", accept);
            assertEquals(406, r.statusCode(), () -> accept + ": " + new String(r.body()));
            assertTrue(Http.json(r).get("error").asText().contains("produces application/json"));
        }
        // a good range beside an empty one still counts: on to Redis, which is away here
        assertEquals(503, http.get("/api/v1/hosts/talking-outside", "application/json,;").statusCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /api/v1/volume?a=%s HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 414 | request line is too long",
            "GET /health HTTP/1.1\\r\\nHost: x\\r\\nX-Big: %s\\r\\n\\r\\n | 431 | headers are too large",
            "GET /%%zz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 400 | not valid URL encoding",
            "GET /api/v1/volume?a=%%zz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n | 400 | not valid URL encoding",
    })
    void errorsOfTheHttpLayerHaveTheJsonErrorBody(String request, int status, String message) {
        String response = http.raw(request.replace("\\r\\n", "\r\n").formatted("1".repeat(10_000)));
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), response);
        assertTrue(Http.rawBody(response).get("error").asText().contains(message), response);
    }

    @Test
    void redisBeingAwayIs503AndCounted() {
        HttpResponse<byte[]> r = http.get("/api/v1/hosts/talking-outside");
        assertEquals(503, r.statusCode());
        assertTrue(Http.json(r).get("error").asText().startsWith("redis unavailable: "));
        assertEquals(503, http.get("/health").statusCode());
        String metrics = new String(http.get("/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("packetstream_query_redis_errors_total{component=\"query\",question=\"q6\""),
                metrics);
        assertTrue(metrics.contains("question=\"q5\",status=\"400\""), metrics);
    }
}

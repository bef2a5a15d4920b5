package io.packetstream.query.http;

import io.packetstream.query.read.Coverage;
import io.packetstream.query.read.Freshness;
import io.packetstream.query.read.DeadLetters;
import io.packetstream.query.read.IndexReader;
import io.packetstream.query.render.Renderer;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET /health}: 200 {@code {"status":"up","redis":"up",…}} with the index's freshness and lag, the sensors
 * seen, the shards an indexer holds and the dead letters (count, newest few with their reasons), when Redis answers
 * in time, else 503 {@code {"status":"down","redis":"down","error":…}}.
 */
final class HealthHandler {

    private final IndexReader reader;
    private final Duration timeout;

    HealthHandler(IndexReader reader, Duration timeout) {
        this.reader = reader;
        this.timeout = timeout;
    }

    Mono<Void> handle(HttpServerResponse response) {
        return Mono.zip(reader.freshness(), reader.coverage(), reader.deadLetters())
                .timeout(timeout, Mono.error(() -> new TimeoutException("no reply within " + timeout)))
                .map(t -> Responses.send(response, 200, Responses.JSON, Renderer.health(true, Map.of("redis", "up"),
                        Optional.of(t.getT1()), Optional.of(t.getT2()), Optional.of(t.getT3()))))
                .onErrorResume(e -> Mono.just(Responses.send(response, 503, Responses.JSON, down(e))))
                .flatMap(send -> send);
    }

    private static byte[] down(Throwable e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("redis", "down");
        fields.put("error", Failure.of(e).message());
        return Renderer.health(false, fields, Optional.empty(), Optional.empty(), Optional.empty());
    }
}

package io.packetstream.query.http;

import io.packetstream.query.read.Coverage;
import io.packetstream.query.read.Freshness;
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
 * seen and the shards an indexer holds, when Redis answers in time, else 503 {@code {"status":"down","redis":"down","error":…}}.
 */
final class HealthHandler {

    private final IndexReader reader;
    private final Duration timeout;

    HealthHandler(IndexReader reader, Duration timeout) {
        this.reader = reader;
        this.timeout = timeout;
    }

    Mono<Void> handle(HttpServerResponse response) {
        return Mono.zip(reader.freshness(), reader.coverage())
                .timeout(timeout, Mono.error(() -> new TimeoutException("no reply within " + timeout)))
                .map(t -> Responses.send(response, 200, Responses.JSON,
                        body(true, "", Optional.of(t.getT1()), Optional.of(t.getT2()))))
                .onErrorResume(e -> Mono.just(Responses.send(response, 503, Responses.JSON,
                        body(false, Failure.of(e).message(), Optional.empty(), Optional.empty()))))
                .flatMap(send -> send);
    }

    private static byte[] body(boolean up, String error, Optional<Freshness> freshness, Optional<Coverage> coverage) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("redis", up ? "up" : "down");
        if (!up) {
            fields.put("error", error);
        }
        return Renderer.health(up, fields, freshness, coverage);
    }
}

package io.packetstream.query.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.packetstream.query.render.Renderer;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.util.Optional;

/**
 * Sends whole (non-streamed) responses with their length and type.
 */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    static Mono<Void> send(HttpServerResponse response, int status, String contentType, byte[] body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendByteArray(Mono.just(body))
                .then();
    }

    /** Sends the buffer, which it releases. */
    static Mono<Void> send(HttpServerResponse response, int status, String contentType, ByteBuf body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.readableBytes()))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .send(Mono.just(body))
                .then();
    }

    static Mono<Void> error(HttpServerResponse response, Failure failure) {
        return send(response, failure.status(), JSON, Renderer.error(failure.message(), failure.parameter()));
    }

    static Mono<Void> error(HttpServerResponse response, int status, String message) {
        return send(response, status, JSON, Renderer.error(message, Optional.empty()));
    }
}

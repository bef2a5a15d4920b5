package io.packetstream.query.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.live.BadCursorException;
import io.packetstream.query.live.ChangeCursor;
import io.packetstream.query.live.LiveEvent;
import io.packetstream.query.live.LiveQueries;
import io.packetstream.query.read.Question;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Serves live subscriptions: {@code text/event-stream}, and NDJSON with {@code follow=true}. Resumes from the
 * {@code Last-Event-ID} header, else the {@code lastEventId} parameter (for clients that cannot set headers); a
 * malformed one is a 400 naming it. Headers go out at once, then the events, each flushed as it comes; at most
 * 128 events wait in netty while the socket is full, so a client that stops reading fills its own buffer and
 * overflows (and has its connection cut when it does not even take that event).
 */
final class LiveHandler {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LiveQueries live;
    private final QueryOptions options;

    LiveHandler(LiveQueries live, QueryOptions options) {
        this.live = live;
        this.options = options;
    }

    private record Resume(String parameter, ChangeCursor cursor) {
    }

    Mono<Void> handle(Question question, Optional<String> lastEventIdParameter, Format format,
                      HttpServerRequest request, HttpServerResponse response) {
        Optional<Resume> resume = resume(request, lastEventIdParameter);
        return live.subscribe(question, resume.map(Resume::cursor))
                .timeout(options.queryTimeout(), Mono.error(() -> new TimeoutException(
                        "no reply from Redis for the answer within " + options.queryTimeout())))
                .onErrorMap(BadCursorException.class, e -> ApiException.badRequest(resume.orElseThrow().parameter(),
                        resume.orElseThrow().parameter() + ": " + e.getMessage()))
                .flatMap(events -> send(events, format, response));
    }

    private static Optional<Resume> resume(HttpServerRequest request, Optional<String> parameter) {
        String header = request.requestHeaders().get(LAST_EVENT_ID);
        if (header != null && !header.isBlank()) {
            return Optional.of(new Resume(LAST_EVENT_ID, cursor(LAST_EVENT_ID, header)));
        }
        return parameter.map(text -> new Resume("lastEventId", cursor("lastEventId", text)));
    }

    private static ChangeCursor cursor(String name, String text) {
        try {
            return ChangeCursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, name + ": " + e.getMessage());
        }
    }

    private Mono<Void> send(Flux<LiveEvent> events, Format format, HttpServerResponse response) {
        response.status(200)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .header(HttpHeaderNames.VARY, "Accept")
                .header("X-Accel-Buffering", "no"); // proxies must not hold events back
        if (format == Format.EVENT_STREAM) {
            response.sse();
        } else {
            response.header(HttpHeaderNames.CONTENT_TYPE, Format.NDJSON.mediaType());
        }
        Flux<ByteBuf> body = events
                .map(e -> Unpooled.wrappedBuffer(format == Format.EVENT_STREAM ? LiveEventText.sse(e)
                        : LiveEventText.ndjson(e)))
                .startWith(Unpooled.EMPTY_BUFFER); // sends the headers now, not with the first event
        return response.send(body, buffer -> true).then();
    }
}

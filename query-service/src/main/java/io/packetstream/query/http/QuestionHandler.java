package io.packetstream.query.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.ServerLimits;
import io.packetstream.query.read.Answer;
import io.packetstream.query.read.IndexReader;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.QueryResult;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.render.CaptureFormat;
import io.packetstream.query.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Answers the six question routes: parses the parameters (400), negotiates the format (406), then sends the answer
 * as one JSON document, as NDJSON lines streamed while they are read, as a capture file streamed packet by
 * packet, or as a live subscription ({@code text/event-stream}, or NDJSON with {@code follow=true}; see
 * {@link LiveHandler}). Until the first byte goes out an error still becomes a clean status; after that the
 * connection is cut, so a client never takes a truncated answer for a whole one.
 */
final class QuestionHandler {

    private static final Logger log = LoggerFactory.getLogger(QuestionHandler.class);

    /** What a followed answer ({@code follow=true}) can be sent as; NDJSON unless the client names the other. */
    private static final List<Format> FOLLOWED = List.of(Format.NDJSON, Format.EVENT_STREAM);

    private final IndexReader reader;
    private final LiveHandler live;
    private final QueryOptions options;
    private final MeterRegistry registry;
    private final Admission scans;
    private final Admission subscriptions;

    QuestionHandler(IndexReader reader, LiveHandler live, QueryOptions options, MeterRegistry registry) {
        this.reader = reader;
        this.live = live;
        this.options = options;
        this.registry = registry;
        ServerLimits limits = options.server();
        this.scans = new Admission("question-5 scans", limits.maxConcurrentScans(), limits.retryAfter(),
                QueryMeters.REFUSED.counter(registry, "limit", "scans"));
        this.subscriptions = new Admission("live subscriptions", limits.maxSubscriptions(), limits.retryAfter(),
                QueryMeters.REFUSED.counter(registry, "limit", "subscriptions"));
    }

    Mono<Void> handle(Route route, HttpServerRequest request, HttpServerResponse response) {
        String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT);
        RequestParameters.Parsed parsed = RequestParameters.parseRequest(route, request.uri(), options.defaultLimit(),
                options.maxLimit());
        List<Format> formats = parsed.follow() ? FOLLOWED : route.formats();
        Format format = ContentNegotiation.select(accept, formats)
                .orElseThrow(() -> notAcceptable(route, accept, formats, parsed.follow()));
        boolean following = format == Format.EVENT_STREAM || parsed.follow();
        if (!following && parsed.lastEventId().isPresent()) {
            throw ApiException.badRequest("lastEventId", "lastEventId resumes a live subscription; ask with "
                    + "Accept: text/event-stream, or follow=true");
        }
        Question question = parsed.question();
        if (following) {
            return subscriptions.admit(() -> live.handle(question, parsed.lastEventId(), format, request, response));
        }
        if (route.kind().packets()) {
            return scans.admit(() -> answer(route, question, format, response));
        }
        return answer(route, question, format, response);
    }

    private Mono<Void> answer(Route route, Question question, Format format, HttpServerResponse response) {
        Counter results = QueryMeters.RESULTS.counter(registry, "question", route.tag());
        return switch (format) {
            case JSON -> document(question, response, results);
            case NDJSON -> stream(question, response, format, results,
                    answer -> answer.results().map(Renderer::line));
            case PCAP, PCAPNG -> stream(question, response, format, results,
                    answer -> Renderer.capture(answer.results().cast(PacketMatch.class), capture(format),
                            skipped(route)));
            case EVENT_STREAM -> throw new IllegalStateException("live subscriptions are handled above");
        };
    }

    private Mono<Void> document(Question question, HttpServerResponse response, Counter results) {
        long start = System.nanoTime();
        return reader.answer(question)
                .flatMap(answer -> Mono.zip(answer.collectSorted(), reader.freshness())
                        .map(t -> {
                            results.increment(t.getT1().size());
                            return Renderer.document(response.alloc()::buffer, answer, t.getT1(), t.getT2(),
                                    Duration.ofNanos(System.nanoTime() - start));
                        }))
                .timeout(options.queryTimeout(), Mono.error(() -> timeout("the answer")))
                .doOnDiscard(ByteBuf.class, ByteBuf::release)
                .flatMap(body -> Responses.send(response.header(HttpHeaderNames.VARY, "Accept"), 200, Responses.JSON,
                        body));
    }

    private Mono<Void> stream(Question question, HttpServerResponse response, Format format, Counter results,
                              java.util.function.Function<Answer, Flux<byte[]>> body) {
        Duration timeout = options.queryTimeout();
        return reader.answer(question)
                .timeout(timeout, Mono.error(() -> timeout("the answer's plan")))
                .flatMap(answer -> {
                    Flux<byte[]> bytes = body.apply(new Answer(answer.question(), answer.shards(),
                            answer.effectiveRange(), answer.results().doOnNext(r -> results.increment()),
                            answer.progress()))
                            .timeout(timeout, Flux.error(() -> timeout("the next result")));
                    response.status(200)
                            .header(HttpHeaderNames.CONTENT_TYPE, format.mediaType())
                            .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                            .header(HttpHeaderNames.VARY, "Accept");
                    if (format == Format.PCAP || format == Format.PCAPNG) {
                        response.header("Content-Disposition", "attachment; filename=\"" + fileName(question, format)
                                + "\"");
                    }
                    return response.send(bytes.map(Unpooled::wrappedBuffer)).then();
                });
    }

    private static CaptureFormat capture(Format format) {
        return format == Format.PCAP ? CaptureFormat.PCAP : CaptureFormat.PCAPNG;
    }

    private java.util.function.IntConsumer skipped(Route route) {
        AtomicBoolean warned = new AtomicBoolean();
        Counter counter = QueryMeters.SKIPPED.counter(registry, "question", route.tag(), "reason", "pcap_link_type");
        return linkType -> {
            counter.increment();
            if (warned.compareAndSet(false, true)) {
                log.warn("left packets of link type {} out of a classic pcap answer (it holds one link type); "
                        + "ask for application/x-pcapng to get them all", linkType);
            }
        };
    }

    private static String fileName(Question question, Format format) {
        String hex = question.packetSearch().map(c -> HexFormat.of().formatHex(c.sequence())).orElse("answer");
        if (hex.length() > 32) {
            hex = hex.substring(0, 32);
        }
        return "packets-containing-" + hex + "." + capture(format).extension();
    }

    private TimeoutException timeout(String what) {
        return new TimeoutException("no reply from Redis for " + what + " within " + options.queryTimeout());
    }

    private static ApiException notAcceptable(Route route, String accept, List<Format> formats, boolean follow) {
        String produced = formats.stream().map(Format::mediaType).collect(Collectors.joining(", "));
        return ApiException.notAcceptable("cannot answer with '" + accept + "'; " + route.path()
                + (follow ? " with follow=true" : "") + " produces " + produced);
    }
}

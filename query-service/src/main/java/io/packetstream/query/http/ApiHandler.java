package io.packetstream.query.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.packetstream.query.BearerToken;
import io.packetstream.query.QueryMeters;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Every request's way in: finds the route (404), checks the method (405), hands over to the route's handler, maps
 * errors to JSON statuses while nothing was sent yet, and times, counts and logs the request.
 */
final class ApiHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final Logger access = LoggerFactory.getLogger("io.packetstream.query.access");

    /**
     * What answers without a token: /health (up or down, the index's freshness and lag: nothing captured), /metrics
     * (counts and latencies, for scrapers that cannot hold a token) and the static page of the API.
     */
    /** Open without a token: health and metrics for probes, and the dashboard, whose own files a browser fetches without one. */
    private static final Set<String> OPEN = Set.of("/health", "/metrics");

    private final QuestionHandler questions;
    private final HealthHandler health;
    private final Optional<BearerToken> token;
    private final MeterRegistry registry;
    private final RedisOutages outages = new RedisOutages();

    /** @param token what requests outside {@link #OPEN} must present; none for no check */
    ApiHandler(QuestionHandler questions, HealthHandler health, Optional<BearerToken> token, MeterRegistry registry) {
        this.questions = questions;
        this.health = health;
        this.token = token;
        this.registry = registry;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        String path = path(request.uri());
        Optional<Route> route = Route.find(path);
        String tag = route.map(Route::tag).orElseGet(() -> switch (path) {
            case "/health" -> "health";
            case "/metrics" -> "metrics";
            default -> DashboardAssets.owns(path) ? "page" : "none";
        });
        return Mono.defer(() -> dispatch(path, route, request, response))
                .onErrorResume(e -> !response.hasSentHeaders(), e -> failed(request, response, tag, e))
                .doOnError(e -> log.warn("{} {} failed after the response started: {}", request.method(),
                        request.uri(), Failure.of(e).message()))
                .doFinally(signal -> {
                    long nanos = System.nanoTime() - start;
                    int status = response.status().code();
                    if (status == 200 && (route.isPresent() || tag.equals("health"))) {
                        outages.answered();
                    }
                    QueryMeters.REQUESTS.timer(registry, "question", tag, "status", Integer.toString(status))
                            .record(nanos, TimeUnit.NANOSECONDS);
                    access.debug("{} {} {} {}ms {}", request.method(), request.uri(), status,
                            TimeUnit.NANOSECONDS.toMillis(nanos), signal);
                });
    }

    /** @return the decoded path, or an empty string when it is not valid URL encoding */
    private static String path(String uri) {
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Mono<Void> dispatch(String path, Optional<Route> route, HttpServerRequest request,
                                HttpServerResponse response) {
        if (path.isEmpty()) {
            throw ApiException.badRequest("the path is not valid URL encoding");
        }
        if (token.isPresent() && !OPEN.contains(path) && !DashboardAssets.owns(path)
                && !token.get().admits(Optional.ofNullable(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION)))) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"packetstream\"");
            throw ApiException.unauthorized("this service requires 'Authorization: Bearer <token>'");
        }
        if (route.isEmpty() && !DashboardAssets.owns(path) && !path.equals("/health") && !path.equals("/metrics")) {
            throw ApiException.notFound("no resource " + path + "; the API lives under /api/v1 (see /)");
        }
        if (!HttpMethod.GET.equals(request.method())) {
            response.header(HttpHeaderNames.ALLOW, "GET");
            throw ApiException.methodNotAllowed(request.method() + " is not allowed on " + path + "; use GET");
        }
        if (route.isPresent()) {
            return questions.handle(route.get(), request, response);
        }
        return switch (path) {
            case "/health" -> health.handle(response);
            case "/metrics" -> metrics(response);
            default -> page(path, request, response);
        };
    }

    /** The dashboard's files, revalidated by entity tag on every use, so a new jar's page is never stale. */
    private static Mono<Void> page(String path, HttpServerRequest request, HttpServerResponse response) {
        DashboardAssets.Asset asset = DashboardAssets.find(path)
                .orElseThrow(() -> ApiException.notFound("no resource " + path + "; the dashboard is at /"));
        response.header(HttpHeaderNames.ETAG, asset.etag())
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .header("X-Content-Type-Options", "nosniff");
        if (asset.etag().equals(request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH))) {
            return response.status(304).send();
        }
        return response.status(200)
                .header(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(asset.bytes().length))
                .sendByteArray(Mono.just(asset.bytes()))
                .then();
    }

    private Mono<Void> metrics(HttpServerResponse response) {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            return Responses.error(response, 404, "this service was started without a Prometheus registry");
        }
        return Mono.fromSupplier(prometheus::scrape).flatMap(text -> Responses.send(response, 200,
                "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mono<Void> failed(HttpServerRequest request, HttpServerResponse response, String tag, Throwable error) {
        Failure failure = Failure.of(error);
        if (error instanceof ApiException e) {
            e.retryAfter().ifPresent(d -> response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(d.toSeconds())));
        }
        if (failure.redis()) {
            QueryMeters.REDIS_ERRORS.counter(registry, "question", tag).increment();
        }
        if (failure.status() >= 500) {
            if (failure.status() == 500 && !failure.redis()) {
                log.warn("{} {} -> {}", request.method(), request.uri(), failure.message(), error);
            } else if (failure.status() == 503 && failure.redis()) {
                outages.unavailable(request.method() + " " + request.uri(), failure.message());
            } else {
                log.warn("{} {} -> {} {}", request.method(), request.uri(), failure.status(), failure.message());
            }
        }
        return Responses.error(response, failure);
    }
}

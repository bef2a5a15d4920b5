package io.packetstream.query.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.cli.ListenFailure;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.live.LiveQueries;
import io.packetstream.query.read.IndexReader;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP API of docs/api.md on reactor-netty: the six question routes under {@code /api/v1} (answers and live
 * subscriptions), {@code /health}, {@code /metrics} and {@code /}. Every handler is non-blocking; Redis is only
 * ever read through {@link IndexReader}'s and {@link LiveQueries}' publishers.
 */
public final class HttpApi {

    /** /health waits at most this long for Redis, so probes stay fast. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private HttpApi() {
    }

    /**
     * Binds the server and returns once it listens.
     *
     * @param options  host, port, limits and timeouts; never {@code null}
     * @param reader   answers the questions; never {@code null}
     * @param live     serves live subscriptions; never {@code null}
     * @param registry where request meters go; a {@code PrometheusMeterRegistry} is also served at /metrics
     * @return the running server; dispose it to stop
     * @throws io.packetstream.core.PacketstreamException when the port cannot be bound, saying what to do
     */
    public static DisposableServer bind(QueryOptions options, IndexReader reader, LiveQueries live,
                                        MeterRegistry registry) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(registry, "registry");
        Duration healthTimeout = options.queryTimeout().compareTo(HEALTH_TIMEOUT) < 0 ? options.queryTimeout()
                : HEALTH_TIMEOUT;
        ApiHandler handler = new ApiHandler(new QuestionHandler(reader, new LiveHandler(live, options), options,
                registry), new HealthHandler(reader, healthTimeout), options.security().token(), registry);
        HttpServer server = HttpServer.create();
        if (options.security().tls()) {
            Http11SslContextSpec tls = Http11SslContextSpec.forServer(
                    options.security().tlsCertificate().orElseThrow().toFile(),
                    options.security().tlsKey().orElseThrow().toFile());
            server = server.secure(spec -> spec.sslContext(tls));
        }
        try {
            return server
                    .host(options.host())
                    .port(options.port())
                    .idleTimeout(options.server().idleTimeout())
                    .readTimeout(options.server().readTimeout())
                    .requestTimeout(options.server().requestTimeout())
                    .doOnChannelInit((observer, channel, address) -> {
                        if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                            channel.pipeline().addAfter(NettyPipeline.HttpCodec, "packetstream.errorBody",
                                    ErrorBodyHandler.INSTANCE);
                        }
                    })
                    .handle(handler)
                    .bindNow();
        } catch (RuntimeException e) {
            throw ListenFailure.of("the query API", options.host(), options.port(), "--host", "--port", e);
        }
    }
}

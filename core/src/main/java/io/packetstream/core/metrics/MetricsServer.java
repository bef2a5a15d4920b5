package io.packetstream.core.metrics;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.cli.ListenFailure;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.util.Objects;

/**
 * Serves {@code GET /metrics} in the Prometheus text format for components that have no HTTP API of their own.
 */
public final class MetricsServer {

    /** Where the metrics are served; deployment files (probes, Prometheus scrape configs) name it too. */
    public static final String PATH = "/metrics";

    private MetricsServer() {
    }

    /**
     * @param registry what to serve; never {@code null}
     * @param host     address to bind
     * @param port     port to bind, 0 for any free port
     * @return the running server; dispose it to stop
     * @throws io.packetstream.core.PacketstreamException when the port cannot be bound, saying what to do
     */
    public static DisposableServer start(PrometheusMeterRegistry registry, String host, int port) {
        Objects.requireNonNull(registry, "registry");
        try {
            return HttpServer.create().host(host).port(port)
                    .route(routes -> routes.get(PATH, (request, response) -> response
                            .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .sendString(Mono.fromSupplier(registry::scrape))))
                    .bindNow();
        } catch (RuntimeException e) {
            throw ListenFailure.of("metrics", host, port, "--metrics-host", "--metrics-port", e);
        }
    }
}

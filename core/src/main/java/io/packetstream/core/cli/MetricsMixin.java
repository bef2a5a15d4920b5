package io.packetstream.core.cli;

import picocli.CommandLine.Option;

/**
 * The flags of the Prometheus endpoint of a program without an HTTP API of its own.
 */
public final class MetricsMixin {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            defaultValue = "${env:PACKETSTREAM_METRICS_PORT:-0}",
            description = "Port of GET /metrics; 0 picks a free port, -1 turns it off (env PACKETSTREAM_METRICS_PORT; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--metrics-host", paramLabel = "HOST",
            defaultValue = "${env:PACKETSTREAM_METRICS_HOST:-127.0.0.1}",
            description = "Address of GET /metrics (env PACKETSTREAM_METRICS_HOST; default ${DEFAULT-VALUE})")
    String host;

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public boolean enabled() {
        return port >= 0;
    }
}

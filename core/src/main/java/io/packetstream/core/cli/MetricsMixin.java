package io.packetstream.core.cli;

import picocli.CommandLine.Option;

/**
 * The flags of the Prometheus endpoint of a program without an HTTP API of its own.
 */
public final class MetricsMixin {

    /** 0: a free port, logged at start. */
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_HOST = "127.0.0.1";

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of GET /metrics; 0 picks a free port, -1 turns it off (env PACKETSTREAM_METRICS_PORT; default ${DEFAULT-VALUE})")
    int port = DEFAULT_PORT;

    @Option(names = "--metrics-host", paramLabel = "HOST",
            description = "Address of GET /metrics (env PACKETSTREAM_METRICS_HOST; default ${DEFAULT-VALUE})")
    String host = DEFAULT_HOST;

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

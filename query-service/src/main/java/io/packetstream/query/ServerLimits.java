package io.packetstream.query;

import java.time.Duration;
import java.util.Objects;

/**
 * What bounds the HTTP server's connections and work, so that slow or greedy clients cannot exhaust its file
 * descriptors or heap. Immutable; {@link #defaults()} and the {@code with…} copies.
 *
 * @param idleTimeout        a connection with no request in progress (a keep-alive between requests, or one that
 *                           never completes its request headers) is closed after this long
 * @param readTimeout        a request whose body stops arriving for this long is answered 408 and closed
 * @param requestTimeout     a request whose headers and body take longer than this in all is answered 408; never
 *                           applies to a response being sent, so live subscriptions stay open as long as they like
 * @param maxConcurrentScans question-5 answers (stream scans) running at once; past it a request gets 429
 * @param maxSubscriptions   live subscriptions open at once; past it a request gets 429
 * @param retryAfter         the {@code Retry-After} a 429 tells the client
 */
public record ServerLimits(Duration idleTimeout, Duration readTimeout, Duration requestTimeout, int maxConcurrentScans,
                           int maxSubscriptions, Duration retryAfter) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A question-5 answer of the largest limit holds up to ~100 MB while it is rendered as JSON (100,000 packets);
     * eight at once stay well inside a 2 GB heap, and two cores are busy with fewer.
     */
    public static final int DEFAULT_MAX_CONCURRENT_SCANS = 8;
    /** Each subscription holds a buffer of up to {@code --subscriber-buffer} events and its first answer. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    public ServerLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryAfter, "retryAfter");
        positive("idle timeout", idleTimeout);
        positive("read timeout", readTimeout);
        positive("request timeout", requestTimeout);
        if (maxConcurrentScans < 1) {
            throw new IllegalArgumentException("max concurrent scans must be positive, was " + maxConcurrentScans);
        }
        if (maxSubscriptions < 1) {
            throw new IllegalArgumentException("max subscriptions must be positive, was " + maxSubscriptions);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("retry after must be at least 1s, was " + retryAfter);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, was " + d);
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_IDLE_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_SCANS, DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_RETRY_AFTER);
    }

    public ServerLimits withTimeouts(Duration idleTimeout, Duration readTimeout, Duration requestTimeout) {
        return new ServerLimits(idleTimeout, readTimeout, requestTimeout, maxConcurrentScans, maxSubscriptions,
                retryAfter);
    }

    public ServerLimits withMaxConcurrentScans(int maxConcurrentScans) {
        return new ServerLimits(idleTimeout, readTimeout, requestTimeout, maxConcurrentScans, maxSubscriptions,
                retryAfter);
    }

    public ServerLimits withMaxSubscriptions(int maxSubscriptions) {
        return new ServerLimits(idleTimeout, readTimeout, requestTimeout, maxConcurrentScans, maxSubscriptions,
                retryAfter);
    }
}

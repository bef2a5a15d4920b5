package io.packetstream.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How the query service runs. Immutable; {@link #defaults()} and the {@code with…} copies.
 *
 * @param host         address the HTTP server binds
 * @param port         port it binds, 0 for any free port
 * @param queryTimeout longest a query may wait for Redis: the whole answer of a JSON response, the gap between
 *                     two results of a streamed one
 * @param defaultLimit packets question 5 returns when the request gives no {@code limit}
 * @param maxLimit     the largest {@code limit} a request may ask for
 * @param pageSize     members or fields per scan command (SSCAN/HSCAN COUNT, ZRANGEBYLEX LIMIT)
 * @param pageEntries  stream entries per XRANGE page of question 5
 * @param wholeRead    the largest index set or hash read in one command (SMEMBERS, HGETALL) instead of in scan
 *                     pages: Redis spends several times less per element on those, and the answer one round trip
 *                     instead of one per page; the limit bounds how long one such command holds Redis
 * @param live         how live subscriptions run
 * @param server       timeouts of connections and how much heavy work runs at once
 * @param security     TLS, the bearer token, and whether to listen beyond loopback without one
 */
public record QueryOptions(String host, int port, Duration queryTimeout, int defaultLimit, int maxLimit,
                           int pageSize, int pageEntries, int wholeRead, SubscriptionOptions live,
                           ServerLimits server, SecurityOptions security) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_LIMIT = 1000;
    public static final int DEFAULT_MAX_LIMIT = 100_000;
    public static final int DEFAULT_PAGE_SIZE = 1000;
    /** Eight entries of 64 full-size packets are ~400 kB: an XRANGE page stays well under a millisecond of Redis. */
    public static final int DEFAULT_PAGE_ENTRIES = 8;
    /**
     * At most ~1.7 ms of Redis (SMEMBERS of IPv4 pairs, 2-core machine): no query command holds Redis's thread over
     * 2 ms, while a whole read costs a quarter of what SSCAN pages cost.
     */
    public static final int DEFAULT_WHOLE_READ = 16_384;

    public QueryOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(security, "security");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive, was " + queryTimeout);
        }
        if (maxLimit < 1) {
            throw new IllegalArgumentException("max limit must be positive, was " + maxLimit);
        }
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("default limit must be 1 to the max limit " + maxLimit + ", was "
                    + defaultLimit);
        }
        if (pageSize < 1 || pageEntries < 1) {
            throw new IllegalArgumentException("page sizes must be positive, were " + pageSize + " and " + pageEntries);
        }
        if (wholeRead < 0) {
            throw new IllegalArgumentException("whole read must not be negative, was " + wholeRead);
        }
    }

    /**
     * The options with {@link #DEFAULT_WHOLE_READ}, {@link SubscriptionOptions#defaults()} for live subscriptions,
     * {@link ServerLimits#defaults()} and {@link SecurityOptions#none()}.
     */
    public QueryOptions(String host, int port, Duration queryTimeout, int defaultLimit, int maxLimit, int pageSize,
                        int pageEntries) {
        this(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, DEFAULT_WHOLE_READ,
                SubscriptionOptions.defaults(), ServerLimits.defaults(), SecurityOptions.none());
    }

    public static QueryOptions defaults() {
        return new QueryOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_QUERY_TIMEOUT, DEFAULT_LIMIT, DEFAULT_MAX_LIMIT,
                DEFAULT_PAGE_SIZE, DEFAULT_PAGE_ENTRIES, DEFAULT_WHOLE_READ, SubscriptionOptions.defaults(),
                ServerLimits.defaults(), SecurityOptions.none());
    }

    public QueryOptions withHost(String host) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withPort(int port) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withQueryTimeout(Duration queryTimeout) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withLimits(int defaultLimit, int maxLimit) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withPages(int pageSize, int pageEntries) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withWholeRead(int wholeRead) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withLive(SubscriptionOptions live) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withServer(ServerLimits server) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }

    public QueryOptions withSecurity(SecurityOptions security) {
        return new QueryOptions(host, port, queryTimeout, defaultLimit, maxLimit, pageSize, pageEntries, wholeRead, live,
                server, security);
    }
}

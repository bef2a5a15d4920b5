package io.packetstream.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.RedisRefusal;
import io.packetstream.query.http.HttpApi;
import io.packetstream.query.live.LiveQueries;
import io.packetstream.query.read.IndexReader;
import io.packetstream.query.read.RedisLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A running query service: the HTTP API over one Redis connection, plus one connection per shard for the
 * change-stream tailers of live subscriptions. The entry point for the CLI, tests, the
 * benchmark and the local launcher. Starts even while Redis is down (answering 503 until it is back).
 */
public final class QueryService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryService.class);

    private final RedisLink redis;
    private final LiveQueries live;
    private final DisposableServer server;
    private final boolean tls;

    private QueryService(RedisLink redis, LiveQueries live, DisposableServer server, boolean tls) {
        this.redis = redis;
        this.live = live;
        this.server = server;
        this.tls = tls;
    }

    /**
     * Connects to Redis (or keeps trying on demand) and binds the HTTP server; returns once it listens.
     *
     * @param options  the service's options; never {@code null}
     * @param redis    where Redis is; never {@code null}
     * @param keys     the deployment's key schema; never {@code null}
     * @param registry where meters go; never {@code null}
     * @return the running service; close it to stop
     */
    public static QueryService start(QueryOptions options, RedisOptions redis, KeySchema keys, MeterRegistry registry) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(registry, "registry");
        options.security().checkExposure(options.host());
        RedisLink link = new RedisLink(redis);
        LiveQueries live = null;
        try {
            boolean connected = link.connectNow();
            IndexReader reader = new IndexReader(link, keys, options.pageSize(), options.pageEntries(),
                    options.wholeRead(), registry);
            if (connected) {
                refusedReading(reader, redis.commandTimeout()).ifPresent(refusal -> {
                    throw new PacketstreamException(refusal);
                });
            }
            live = new LiveQueries(link, redis, keys, reader, options.live(), registry);
            DisposableServer server = HttpApi.bind(options, reader, live, registry);
            QueryService service = new QueryService(link, live, server, options.security().tls());
            log.info("query service listening on {} (redis {}, namespace {}, {})", service.uri(), redis.shown(),
                    keys.namespace(), options.security().token().isPresent() ? "bearer token required on /api/v1"
                            : "no authentication");
            return service;
        } catch (RuntimeException e) {
            if (live != null) {
                live.close();
            }
            link.close();
            throw e;
        }
    }

    /**
     * Reads what /health reads once: an ACL user without the permission to read the index would otherwise start
     * and answer 500 to every request.
     *
     * @return the refusal, when Redis refused; an outage or a slow reply is left to the requests
     */
    private static Optional<String> refusedReading(IndexReader reader, Duration timeout) {
        try {
            reader.freshness().block(timeout);
            return Optional.empty();
        } catch (RuntimeException e) {
            return RedisRefusal.of(e);
        }
    }

    /** @return the port the server listens on (the one picked when the options said 0) */
    public int port() {
        return server.port();
    }

    /** @return the address the server listens on */
    public String host() {
        return server.host();
    }

    /** @return {@code http://host:port/}, or {@code https://…} when serving TLS */
    public String uri() {
        String host = host().contains(":") ? "[" + host() + "]" : host();
        return (tls ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    /** @return the live subscriptions open now */
    public int subscribers() {
        return live.subscribers();
    }

    /**
     * Ends the live subscriptions (their streams complete; clients resume elsewhere with their last event id), stops
     * listening, waits briefly for requests in flight, and closes the Redis connections.
     */
    @Override
    public void close() {
        live.close();
        server.disposeNow(Duration.ofSeconds(5));
        redis.close();
        log.info("query service stopped");
    }
}

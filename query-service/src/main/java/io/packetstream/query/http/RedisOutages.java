package io.packetstream.query.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Logs a Redis outage once: a WARN for the first request that finds Redis unavailable, DEBUG for the rest, and an
 * INFO when a request is answered again. One line per request would bury everything else in the log while Redis
 * is away; the per-request count is in {@code packetstream_query_redis_errors_total}.
 */
final class RedisOutages {

    private static final Logger log = LoggerFactory.getLogger(RedisOutages.class);

    private final AtomicBoolean down = new AtomicBoolean();

    /** A request found Redis unavailable. */
    void unavailable(String request, String message) {
        if (down.compareAndSet(false, true)) {
            log.warn("{} -> 503 {}; answering 503 until Redis is back (logged once per outage)", request, message);
        } else {
            log.debug("{} -> 503 {}", request, message);
        }
    }

    /** A request that needed Redis was answered. */
    void answered() {
        if (down.compareAndSet(true, false)) {
            log.info("redis answers again");
        }
    }
}

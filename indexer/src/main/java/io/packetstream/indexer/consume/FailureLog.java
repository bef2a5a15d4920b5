package io.packetstream.indexer.consume;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Decides how loud a failure of a shard's loop is and how the next attempt reads: an outage gets one warning when
 * it starts and one line when it ends; a failing command is logged every time (the backoff bounds the rate). Every
 * failure is counted by kind; after each the shard is taken over again from what Redis holds.
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);

    /** Failure kinds, the values of the {@code kind} tag of the error meter. */
    enum Kind {
        CONNECTION, UNAVAILABLE, TIMEOUT, COMMAND, INTERNAL;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean isOutage() {
            return this == CONNECTION || this == UNAVAILABLE || this == TIMEOUT;
        }
    }

    private final int shard;
    private final Duration maxBackoff;
    private final ConsumerMetrics metrics;
    private int outageFailures;

    FailureLog(int shard, Duration maxBackoff, ConsumerMetrics metrics) {
        this.shard = shard;
        this.maxBackoff = maxBackoff;
        this.metrics = metrics;
    }

    static Kind classify(Throwable e) {
        if (e instanceof RedisCommandTimeoutException) {
            return Kind.TIMEOUT;
        }
        if (e instanceof RedisCommandExecutionException) {
            String m = String.valueOf(e.getMessage());
            for (String busy : new String[]{"LOADING", "BUSY ", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY"}) {
                if (m.startsWith(busy)) {
                    return Kind.UNAVAILABLE;
                }
            }
            return Kind.COMMAND;
        }
        if (e instanceof RedisException || e instanceof java.io.IOException) {
            return Kind.CONNECTION;
        }
        return Kind.INTERNAL;
    }

    synchronized void failed(Throwable e) {
        Kind kind = classify(e);
        metrics.error(kind.tag());
        if (kind.isOutage()) {
            if (outageFailures++ == 0) {
                log.warn("shard {}: Redis is unavailable ({}); retrying with backoff up to {} until it is back. "
                        + "Nothing is lost: unacknowledged entries stay pending", shard, e.getMessage(), maxBackoff);
            } else {
                log.debug("shard {}: still unavailable: {}", shard, e.getMessage());
            }
            return;
        }
        if (kind == Kind.INTERNAL) {
            log.warn("shard {}: indexing failed; retrying from the pending entries", shard, e);
        } else {
            log.warn("shard {}: a read or commit failed: {}; retrying from the pending entries", shard, e.getMessage());
        }
    }

    synchronized void succeeded() {
        if (outageFailures > 0) {
            log.info("shard {}: Redis is back after {} failed attempts; resuming with the pending entries",
                    shard, outageFailures);
            outageFailures = 0;
        }
    }
}

package io.packetstream.agent.publish;

import java.time.Duration;

/**
 * Doubling waits between attempts, from a minimum up to a maximum; reset after a success.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private long next;

    Backoff(Duration min, Duration max) {
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.next = minNanos;
    }

    /** @return the wait before the next attempt; the one after it is twice as long, up to the maximum */
    long nextNanos() {
        long wait = next;
        next = Math.min(maxNanos, next * 2);
        return wait;
    }

    void reset() {
        next = minNanos;
    }
}

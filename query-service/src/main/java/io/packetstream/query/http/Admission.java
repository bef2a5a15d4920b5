package io.packetstream.query.http;

import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most a fixed number of one kind of heavy work (question-5 scans, live subscriptions) run at once, and
 * refuses the rest at once with 429 and {@code Retry-After} rather than queueing them: a queue would hold their
 * connections and memory just the same. A permit is held until the response is sent whole, fails or the client
 * goes away.
 */
final class Admission {

    private final String what;
    private final int limit;
    private final Duration retryAfter;
    private final Counter refused;
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param what    what is limited, plural, for the 429 message ("question-5 scans")
     * @param refused counts the requests refused
     */
    Admission(String what, int limit, Duration retryAfter, Counter refused) {
        this.what = what;
        this.limit = limit;
        this.retryAfter = retryAfter;
        this.refused = refused;
    }

    /** @return the work, run under a permit, or a 429 error when all permits are taken */
    Mono<Void> admit(Supplier<Mono<Void>> work) {
        return Mono.using(this::enter, permit -> work.get(), Permit::release);
    }

    private Permit enter() {
        if (running.incrementAndGet() > limit) {
            running.decrementAndGet();
            refused.increment();
            throw ApiException.tooManyRequests("too many " + what + " at once (at most " + limit + "); retry in "
                    + retryAfter.toSeconds() + " s", retryAfter);
        }
        return new Permit();
    }

    /** One running piece of work; released once, whichever of completion, error or cancellation comes first. */
    private final class Permit {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                running.decrementAndGet();
            }
        }
    }
}

package io.packetstream.query.live;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.micrometer.core.instrument.Counter;
import io.packetstream.core.redis.StreamId;
import io.packetstream.query.SubscriptionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one reader of a shard's change stream in this instance, shared by all its subscribers: started by the first,
 * it fixes its position at the stream's newest entry, then reads on with {@code XREAD BLOCK … COUNT …} on its own
 * connection and publishes every entry to all subscribers at once. It never waits for a subscriber (each has its
 * own buffer). Once none is left it stops after the read in flight, at most one BLOCK later. A failed read is
 * counted and retried from the same position with growing pauses, so subscribers only see a quiet stretch.
 */
final class ShardTailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardTailer.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final int shard;
    private final String key;
    private final TailConnection connection;
    private final SubscriptionOptions options;
    private final Consumer<String> bad;
    private final Counter errors;
    private final Sinks.Many<TailSignal> sink = Sinks.many().multicast().directBestEffort();
    private int subscribers; // guarded by this
    private Run run; // guarded by this
    private boolean closed; // guarded by this

    /** One stretch of reading, from a first subscriber to the read after the last one left. */
    private static final class Run {
        final Sinks.Empty<Void> positioned = Sinks.empty();
        volatile StreamId position = StreamId.MIN;
        volatile Disposable step;
        int failures; // the run's own callbacks only, one at a time
    }

    ShardTailer(int shard, String key, TailConnection connection, SubscriptionOptions options, Consumer<String> bad,
                Counter errors) {
        this.shard = shard;
        this.key = key;
        this.connection = connection;
        this.options = options;
        this.bad = bad;
        this.errors = errors;
    }

    /** @return the live feed for one subscriber: {@link TailSignal.Ready} once positioned, and every entry after */
    Flux<TailSignal> follow() {
        return Flux.defer(() -> {
            Run r = acquire();
            if (r == null) {
                return Flux.<TailSignal>empty();
            }
            // the sink first, then Ready: whatever the tailer reads after its position reaches this subscriber
            return Flux.<TailSignal>merge(Integer.MAX_VALUE, sink.asFlux(),
                            r.positioned.asMono().thenReturn(TailSignal.Ready.INSTANCE))
                    .doFinally(signal -> release());
        });
    }

    /** @return the subscribers following now */
    synchronized int subscribers() {
        return subscribers;
    }

    private Run acquire() {
        Run started;
        synchronized (this) {
            if (closed) {
                return null;
            }
            subscribers++;
            if (run != null) {
                return run;
            }
            run = new Run();
            started = run;
        }
        log.debug("shard {}: tailer starts", shard);
        position(started);
        return started;
    }

    private synchronized void release() {
        subscribers--;
    }

    /** @return whether the run goes on; ends it when nobody follows any more */
    private synchronized boolean wanted(Run r) {
        if (run != r) {
            return false;
        }
        if (subscribers > 0 && !closed) {
            return true;
        }
        run = null;
        log.debug("shard {}: tailer stops", shard);
        return false;
    }

    private void position(Run r) {
        r.step = connection.commands()
                .flatMap(c -> c.xrevrange(key, Range.unbounded(), Limit.from(1)).next())
                .map(m -> StreamId.parse(m.getId()))
                .defaultIfEmpty(StreamId.MIN)
                .subscribe(id -> {
                    r.position = id;
                    r.failures = 0;
                    r.positioned.tryEmitEmpty();
                    read(r);
                }, e -> retry(r, e, () -> position(r)));
    }

    @SuppressWarnings("unchecked") // one stream offset, as varargs
    private void read(Run r) {
        if (!wanted(r)) {
            return;
        }
        XReadArgs args = XReadArgs.Builder.block(options.tailBlock().toMillis()).count(options.changePage());
        r.step = connection.commands()
                .flatMap(c -> c.xread(args, XReadArgs.StreamOffset.from(key, r.position.toString())).collectList())
                .subscribe(messages -> {
                    r.failures = 0;
                    publish(r, messages);
                    read(r);
                }, e -> retry(r, e, () -> read(r)));
    }

    private void publish(Run r, List<StreamMessage<String, byte[]>> messages) {
        for (StreamMessage<String, byte[]> m : messages) {
            ChangeEntry entry = ChangeEntry.parse(shard, m, bad);
            r.position = entry.id();
            sink.tryEmitNext(entry); // FAIL_ZERO_SUBSCRIBER is fine: nobody to tell
        }
    }

    private void retry(Run r, Throwable e, Runnable next) {
        if (!wanted(r)) {
            return;
        }
        errors.increment();
        Duration pause = FIRST_RETRY.multipliedBy(1L << Math.min(r.failures, 6));
        pause = pause.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause;
        if (r.failures++ == 0) {
            log.warn("shard {}: reading the change stream failed, retrying every {} at most: {}", shard, LAST_RETRY,
                    e.toString());
        }
        r.step = Mono.delay(pause).subscribe(x -> next.run());
    }

    @Override
    public void close() {
        Run r;
        synchronized (this) {
            closed = true;
            r = run;
            run = null;
        }
        if (r != null && r.step != null) {
            r.step.dispose();
        }
    }
}

package io.packetstream.query.live;

import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One shard's part of a subscription, from a position on: first the stored entries (XRANGE pages, read as the
 * subscriber takes them, so a subscriber far behind never fills a buffer), then the live feed. To switch without
 * a gap it subscribes to the feed first, buffering, waits until the tailer's position is fixed, reads what was
 * added meanwhile, and only then takes the feed. Whatever arrives twice is dropped by one rule: a step passes only
 * if it moves the shard's position forward, which also skips the events of the start entry already done.
 */
final class ShardFeed {

    /** Catch-up pages read ahead of the subscriber. */
    private static final int PAGES_AHEAD = 1;

    private ShardFeed() {
    }

    /**
     * @param start  where the subscriber stands in this shard
     * @param worker feeds the subscriber from the live buffer
     * @return the steps of the shard, each moving its position forward; fails with {@link TrimmedCursorException}
     * when the start is older than the change stream's retention, with {@link SubscriberBuffer.Overflow} when the
     * subscriber falls behind its buffer
     */
    static Flux<Step.Placed> of(int shard, Position start, ChangeSource source, ChangeFilter filter,
                                SubscriberBuffer.Budget budget, Scheduler.Worker worker) {
        return Flux.defer(() -> {
            AtomicReference<Position> passed = new AtomicReference<>(start);
            Flux<Step.Placed> stored = retained(source, shard, start)
                    .thenMany(catchUp(source, filter, shard, start.entry(), true));
            Flux<Step.Placed> live = Flux.defer(() -> {
                Sinks.Empty<Void> ready = Sinks.empty();
                Flux<Step.Placed> feed = new SubscriberBuffer(source.tail(shard).handle((signal, sink) -> {
                    if (signal instanceof ChangeEntry entry) {
                        sink.next(filter.steps(entry));
                    } else {
                        ready.tryEmitEmpty();
                    }
                }), budget, worker);
                Flux<Step.Placed> meanwhile = ready.asMono()
                        .thenMany(Flux.defer(() -> catchUp(source, filter, shard, passed.get().entry(), false)));
                // both subscribed at once; the feed's steps wait (in its buffer) until the catch-up is through
                return Flux.mergeSequential(Flux.just(meanwhile, feed), 2, 1);
            });
            return stored.concatWith(live).filter(step -> forward(passed, step));
        });
    }

    private static Flux<Step.Placed> catchUp(ChangeSource source, ChangeFilter filter, int shard, StreamId from,
                                             boolean inclusive) {
        return source.pages(shard, from, inclusive)
                .concatMapIterable(page -> page.stream().flatMap(e -> filter.steps(e).stream()).toList(), PAGES_AHEAD);
    }

    /** A start whose following events were trimmed (see {@link ChangeRetention#lost}) may have missed events. */
    private static Mono<Void> retained(ChangeSource source, int shard, Position start) {
        return source.retention(shard).flatMap(r -> r.lost(start)
                ? Mono.error(new TrimmedCursorException(shard, start, r)) : Mono.empty());
    }

    private static boolean forward(AtomicReference<Position> passed, Step.Placed step) {
        Position p = step.position();
        if (p.compareTo(passed.get()) <= 0) {
            return false;
        }
        passed.set(p);
        return true;
    }
}

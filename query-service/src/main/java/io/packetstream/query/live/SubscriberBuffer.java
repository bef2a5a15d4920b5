package io.packetstream.query.live;

import io.packetstream.core.PacketstreamException;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded buffer between a shard's live feed and one subscriber: takes everything the feed publishes at once
 * (so the shared tailer never waits for anybody), holds it while the subscriber has no demand, and hands it on,
 * on the subscriber's own worker, as demand comes. The bound is in change events to send, shared by the shards of
 * a subscription ({@link Budget}); skipped stretches cost nothing, as consecutive skips collapse into one. When an
 * entry does not fit, the feed is cancelled, what waits is dropped and the subscriber gets {@link Overflow} at once.
 */
final class SubscriberBuffer extends Flux<Step.Placed> {

    /**
     * How many change events the buffers of one subscription may hold together. An entry holding more than that
     * still fits an empty buffer (it is in memory already), so a subscriber that keeps up never overflows on one
     * big batch. Thread-safe.
     */
    static final class Budget {
        private final int capacity;
        private final AtomicInteger used = new AtomicInteger();

        Budget(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be positive, was " + capacity);
            }
            this.capacity = capacity;
        }

        boolean take(int events) {
            for (; ; ) {
                int u = used.get();
                if (u > 0 && u + events > capacity) {
                    return false;
                }
                if (used.compareAndSet(u, u + events)) {
                    return true;
                }
            }
        }

        void release(int events) {
            used.addAndGet(-events);
        }

        int used() {
            return used.get();
        }
    }

    /** The subscriber fell further behind than its buffer allows. A signal, not a failure: no stack trace. */
    static final class Overflow extends PacketstreamException {
        Overflow() {
            super("the subscriber's buffer overflowed");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final Flux<List<Step.Placed>> source;
    private final Budget budget;
    private final Scheduler.Worker worker;

    /**
     * @param source one list of steps per change entry, published without regard to demand
     * @param budget the subscription's bound
     * @param worker where the subscriber is fed; owned by the caller, who disposes it
     */
    SubscriberBuffer(Flux<List<Step.Placed>> source, Budget budget, Scheduler.Worker worker) {
        this.source = Objects.requireNonNull(source, "source");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    @Override
    public void subscribe(CoreSubscriber<? super Step.Placed> actual) {
        source.subscribe(new BufferSubscriber(actual, budget, worker));
    }

    private static int weight(Step.Placed step) {
        return step instanceof Step.Skip ? 0 : 1;
    }

    private static final class BufferSubscriber implements CoreSubscriber<List<Step.Placed>>, Subscription, Runnable {

        private final CoreSubscriber<? super Step.Placed> actual;
        private final Budget budget;
        private final Scheduler.Worker worker;
        private final ArrayDeque<Step.Placed> queue = new ArrayDeque<>(); // guarded by itself
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private Subscription upstream;
        private volatile boolean done;
        private volatile Throwable error;
        private volatile boolean cancelled;
        private boolean terminated; // drain thread only

        BufferSubscriber(CoreSubscriber<? super Step.Placed> actual, Budget budget, Scheduler.Worker worker) {
            this.actual = actual;
            this.budget = budget;
            this.worker = worker;
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<Step.Placed> steps) {
            if (done) {
                return; // after an overflow, until the cancel reaches the feed
            }
            int weight = 0;
            for (Step.Placed s : steps) {
                weight += weight(s);
            }
            if (!budget.take(weight)) {
                upstream.cancel();
                error = new Overflow();
                done = true;
                schedule();
                return;
            }
            synchronized (queue) {
                for (Step.Placed s : steps) {
                    if (s instanceof Step.Skip && queue.peekLast() instanceof Step.Skip) {
                        queue.pollLast(); // a later skip of the same shard covers the earlier one
                    }
                    queue.addLast(s);
                }
            }
            schedule();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            error = t;
            done = true;
            schedule();
        }

        @Override
        public void onComplete() {
            done = true;
            schedule();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndUpdate(r -> Operators.addCap(r, n));
                schedule();
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                upstream.cancel();
                schedule();
            }
        }

        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                try {
                    worker.schedule(this);
                } catch (RejectedExecutionException e) {
                    clear(); // the subscription is over and its worker disposed
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            for (; ; ) {
                if (terminated) {
                    clear(); // late entries of a feed that has not seen the cancel yet
                } else {
                    drain();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void drain() {
            long r = requested.get();
            long e = 0;
            for (; ; ) {
                if (cancelled) {
                    terminated = true;
                    clear();
                    return;
                }
                Throwable t = error;
                if (t != null) {
                    terminate(t);
                    return;
                }
                Step.Placed step;
                boolean d = done;
                synchronized (queue) {
                    step = e == r ? null : queue.pollFirst();
                }
                if (step == null) {
                    if (d && isEmpty()) {
                        terminate(null);
                        return;
                    }
                    break;
                }
                budget.release(weight(step));
                actual.onNext(step);
                e++;
            }
            if (e != 0 && r != Long.MAX_VALUE) {
                requested.addAndGet(-e);
            }
        }

        private boolean isEmpty() {
            synchronized (queue) {
                return queue.isEmpty();
            }
        }

        private void terminate(Throwable t) {
            terminated = true;
            clear();
            if (t == null) {
                actual.onComplete();
            } else {
                actual.onError(t);
            }
        }

        private void clear() {
            int weight = 0;
            synchronized (queue) {
                for (Step.Placed s : queue) {
                    weight += weight(s);
                }
                queue.clear();
            }
            budget.release(weight);
        }
    }
}

package io.packetstream.query.live;

import io.packetstream.core.PacketstreamException;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.redis.StreamId;
import io.packetstream.query.SubscriptionOptions;
import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.query.read.Question;
import io.packetstream.query.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The changes of one subscription, from a cursor on: every shard's {@link ShardFeed} merged as their steps come,
 * question 5's indexed entries read and matched one at a time, heartbeats when silent, and each change given the
 * id of the positions it leaves behind. Ends with {@code overflow} or {@code error}, never with an error signal.
 * Demand flows through from the client to the catch-up reads and the per-subscriber buffers.
 */
final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    /** Steps taken from each shard ahead of the client's demand; the subscriber buffers hold the rest. */
    private static final int PREFETCH = 1;

    /** Question-5 entries read and matched at once per subscription; one at a time, a round trip each, lagged. */
    private static final int PACKET_FETCHES = 32;

    /** The shortest wait for a client to take the last event before its connection is cut. */
    private static final Duration LEAST_GRACE = Duration.ofSeconds(5);

    private final ChangeSource source;
    private final SubscriptionOptions options;
    private final Scheduler scheduler;

    /** @param scheduler runs heartbeats and feeds subscribers from their buffers */
    LiveStream(ChangeSource source, SubscriptionOptions options, Scheduler scheduler) {
        this.source = source;
        this.options = options;
        this.scheduler = scheduler;
    }

    /** @return the change events after {@code start}, for as long as the subscriber keeps up */
    Flux<LiveEvent> changes(Question question, ChangeCursor start) {
        return changes(question, start, () -> { });
    }

    /**
     * @param overflowed told when the subscriber's buffer overflows (its {@code overflow} event may go out later,
     *                   or never, if the client has stopped reading)
     * @return the change events after {@code start}, for as long as the subscriber keeps up; after the last one
     * ({@code overflow}, {@code error}) a client that takes nothing more for the grace period (the heartbeat, at
     * least 5 s) gets an error signal instead, which makes the server cut its connection
     */
    Flux<LiveEvent> changes(Question question, ChangeCursor start, Runnable overflowed) {
        Duration grace = options.heartbeat().compareTo(LEAST_GRACE) > 0 ? options.heartbeat() : LEAST_GRACE;
        return Flux.defer(() -> {
            ChangeFilter filter = ChangeFilter.of(question);
            SubscriberBuffer.Budget budget = new SubscriberBuffer.Budget(options.subscriberBuffer());
            Scheduler.Worker worker = scheduler.createWorker();
            List<Flux<Step.Placed>> feeds = IntStream.range(0, start.shards())
                    .mapToObj(shard -> ShardFeed.of(shard, start.position(shard), source, filter, budget, worker))
                    .toList();
            @SuppressWarnings("unchecked")
            Flux<Step> steps = feeds.size() == 1 ? feeds.get(0).cast(Step.class)
                    : Flux.<Step>merge(PREFETCH, feeds.toArray(Flux[]::new));
            Optional<Question.Containing> search = question.packetSearch();
            if (search.isPresent()) {
                // entries are fetched and scanned several at a time, their packets emitted in event order
                steps = steps.flatMapSequential(step -> packets(step, search.get(), start), PACKET_FETCHES, PREFETCH);
            }
            Flux<Step> ticks = Flux.interval(options.heartbeat(), options.heartbeat(), scheduler)
                    .onBackpressureDrop()
                    .map(tick -> Step.Tick.INSTANCE);
            Positions positions = new Positions(start, question);
            return Flux.merge(PREFETCH, steps, ticks)
                    .<LiveEvent>handle(positions::next)
                    .onErrorResume(e -> {
                        if (e instanceof SubscriberBuffer.Overflow) {
                            overflowed.run();
                        }
                        return Mono.just(positions.end(e)).timeout(grace, Mono.error(() -> new PacketstreamException(
                                "the client took nothing for " + grace + " after its stream ended")), scheduler);
                    })
                    .doFinally(signal -> worker.dispose());
        });
    }

    /**
     * Question 5: an indexed entry becomes its matching packets. All but the last stand inside the event (the
     * event's number before it, and how many of its packets are sent), so a reconnect between them resumes with the
     * next packet: those at or before the start are dropped (the match order is the packet stream's, the same on
     * every instance).
     */
    private Flux<Step> packets(Step step, Question.Containing question, ChangeCursor start) {
        if (!(step instanceof Step.Deliver d) || !(d.event() instanceof EntryIndexed indexed)) {
            return Flux.just(step);
        }
        Position from = start.position(d.shard());
        return source.packets(d.shard(), StreamId.parse(indexed.entryId()), question).collectList()
                .flatMapIterable(matches -> {
                    if (matches.isEmpty()) {
                        return List.of(new Step.Skip(d.shard(), d.entry(), d.after()));
                    }
                    List<Step> out = new ArrayList<>(matches.size());
                    for (int i = 0; i < matches.size(); i++) {
                        boolean last = i == matches.size() - 1;
                        Step.Packet p = new Step.Packet(d.shard(), d.entry(), last ? d.after() : d.after() - 1,
                                last ? 0 : i + 1, matches.get(i));
                        if (p.position().compareTo(from) > 0) {
                            out.add(p);
                        }
                    }
                    return out;
                });
    }

    /** The subscription's positions: moved by every step, in order, so an id never runs ahead of what was sent. */
    private static final class Positions {
        private final Question question;
        private final Position[] positions;
        private String lastSent;
        private boolean spoke;

        Positions(ChangeCursor start, Question question) {
            this.question = question;
            positions = start.positions().toArray(new Position[0]);
            lastSent = start.toString();
        }

        void next(Step step, SynchronousSink<LiveEvent> sink) {
            if (step instanceof Step.Placed placed) {
                positions[placed.shard()] = placed.position();
                if (placed instanceof Step.Deliver d) {
                    send(sink, Renderer.change(question.change(d.event()).orElseThrow()));
                } else if (placed instanceof Step.Packet p) {
                    send(sink, Renderer.result(p.match()));
                }
                return;
            }
            if (!spoke) {
                String id = id();
                sink.next(new LiveEvent.Heartbeat(id.equals(lastSent) ? Optional.empty() : Optional.of(id)));
                lastSent = id;
            }
            spoke = false;
        }

        private void send(SynchronousSink<LiveEvent> sink, String data) {
            lastSent = id();
            spoke = true;
            sink.next(new LiveEvent.Change(lastSent, data));
        }

        private String id() {
            return java.util.Arrays.stream(positions).map(Position::toString).collect(Collectors.joining(","));
        }

        LiveEvent end(Throwable e) {
            if (e instanceof SubscriberBuffer.Overflow) {
                return new LiveEvent.Overflow(lastSent);
            }
            if (e instanceof TrimmedCursorException) {
                return new LiveEvent.Failed(e.getMessage(), lastSent);
            }
            log.warn("a live subscription failed after {}: {}", lastSent, e.toString());
            return new LiveEvent.Failed("reading the changes failed (" + e.getMessage()
                    + "); resume with the lastEventId", lastSent);
        }
    }
}

package io.packetstream.query.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.query.SubscriptionOptions;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.read.IndexReader;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.RedisLink;
import io.packetstream.query.render.Renderer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live subscriptions to the six questions (docs/architecture.md, "Live subscriptions"): the current answer with
 * the change-stream positions read before it, then every change concerning the question as indexers commit it,
 * or, when resuming, the changes after a cursor. Changes come from Redis only, so any instance serves any client;
 * each instance reads each shard's change stream once, for all its subscribers. Counts subscribers, events sent,
 * overflows and resumes.
 */
public final class LiveQueries implements AutoCloseable {

    private final IndexReader reader;
    private final RedisChangeSource source;
    private final LiveStream stream;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> subscribers = new ConcurrentHashMap<>();
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private final SharedAnswers answers = new SharedAnswers();

    /**
     * @param redis        the service's shared connection, for answers and catch-up reads; never {@code null}
     * @param redisOptions where Redis is, for the tailers' own connections; never {@code null}
     * @param keys         the deployment's key schema; never {@code null}
     * @param reader       answers the questions; never {@code null}
     * @param options      buffers, heartbeats, read sizes; never {@code null}
     * @param registry     where the meters go; never {@code null}
     */
    public LiveQueries(RedisLink redis, RedisOptions redisOptions, KeySchema keys, IndexReader reader,
                       SubscriptionOptions options, MeterRegistry registry) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(redisOptions, "redisOptions");
        Objects.requireNonNull(keys, "keys");
        this.reader = Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(options, "options");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.source = new RedisChangeSource(redis, redisOptions, keys, reader, options, registry);
        this.stream = new LiveStream(source, options, Schedulers.parallel());
    }

    /**
     * Prepares a subscription: everything that can fail with a clean HTTP status happens in the returned
     * {@link Mono} (Redis unreachable, a cursor of another deployment), before the first byte is sent.
     *
     * @param question what to follow; never {@code null}
     * @param resume   where the client stands, from its {@code Last-Event-ID}; empty for a new subscription
     * @return the events, starting with the answer for a new subscription; fails with {@link BadCursorException}
     * when the cursor does not fit the deployment
     */
    public Mono<Flux<LiveEvent>> subscribe(Question question, Optional<ChangeCursor> resume) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(resume, "resume");
        return reader.shardCount().flatMap(shards -> {
            if (resume.isPresent()) {
                ChangeCursor cursor = resume.get();
                if (cursor.shards() != shards) {
                    return Mono.error(new BadCursorException("the event id names " + cursor.shards()
                            + " shard(s); this deployment has " + shards));
                }
                QueryMeters.RESUMES.counter(registry, "question", question.tag()).increment();
                return Mono.just(tracked(question, changes(question, cursor)));
            }
            // the positions first: changes after them may repeat what the answer holds, but none is missed
            return Flux.range(0, shards).concatMap(source::head).collectList().map(ChangeCursor::new)
                    .flatMap(cursor -> answers.answer(question, cursor, () -> answer(question))
                            .map(data -> tracked(question, Flux.concat(
                                    Mono.just(new LiveEvent.Answer(cursor.toString(), data)),
                                    changes(question, cursor)))));
        });
    }

    private Flux<LiveEvent> changes(Question question, ChangeCursor cursor) {
        Counter overflows = QueryMeters.OVERFLOWS.counter(registry, "question", question.tag());
        return stream.changes(question, cursor, overflows::increment);
    }

    private Mono<String> answer(Question question) {
        long start = System.nanoTime();
        Counter results = QueryMeters.RESULTS.counter(registry, "question", question.tag());
        return reader.answer(question).flatMap(answer -> Mono.zip(answer.collectSorted(), reader.freshness())
                .map(t -> {
                    results.increment(t.getT1().size());
                    return new String(Renderer.document(answer, t.getT1(), t.getT2(),
                            Duration.ofNanos(System.nanoTime() - start)), StandardCharsets.UTF_8);
                }));
    }

    private Flux<LiveEvent> tracked(Question question, Flux<LiveEvent> events) {
        String tag = question.tag();
        AtomicInteger open = subscribers.computeIfAbsent(tag, t -> {
            AtomicInteger count = new AtomicInteger();
            QueryMeters.SUBSCRIBERS.gauge(registry, count, AtomicInteger::get, "question", t);
            return count;
        });
        Counter sent = QueryMeters.EVENTS_SENT.counter(registry, "question", tag);
        return events
                .doOnNext(e -> {
                    if (!(e instanceof LiveEvent.Heartbeat)) {
                        sent.increment();
                    }
                })
                .takeUntilOther(closing.asMono())
                .doOnSubscribe(s -> open.incrementAndGet())
                .doFinally(signal -> open.decrementAndGet());
    }

    /** @return the subscriptions open now, over all questions */
    public int subscribers() {
        return subscribers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Ends every subscription (their streams complete) and stops the tailers. */
    @Override
    public void close() {
        closing.tryEmitEmpty();
        source.close();
    }
}

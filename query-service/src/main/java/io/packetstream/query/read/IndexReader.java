package io.packetstream.query.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.StreamId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * Answers the six questions from the Redis index keys of docs/architecture.md, fanning out over every shard and
 * sensor (or the one sensor asked) and merging. Everything is lazy: nothing reaches Redis until the returned
 * publishers are subscribed, and nothing blocks.
 */
public final class IndexReader {

    private final RedisLink redis;
    private final KeySchema keys;
    private final ReadSizes sizes;
    private final IndexFailures failures;
    private final PacketScanReader packets;
    private final ShardCount shardCount;

    /**
     * @param redis       the connection; never {@code null}
     * @param keys        the key schema of the deployment; never {@code null}
     * @param pageSize    members or fields read per command (the COUNT of scans), at least 1
     * @param pageEntries stream entries read per XRANGE by question 5, at least 1
     * @param wholeRead   the largest set or hash read in one command (SMEMBERS, HGETALL) rather than in pages
     * @param registry    where to count scanned and skipped packets; never {@code null}
     */
    public IndexReader(RedisLink redis, KeySchema keys, int pageSize, int pageEntries, int wholeRead,
                       MeterRegistry registry) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.sizes = new ReadSizes(pageSize, pageEntries, wholeRead);
        this.failures = new IndexFailures(Objects.requireNonNull(registry, "registry"));
        this.packets = new PacketScanReader(keys, pageEntries, failures, registry);
        this.shardCount = new ShardCount(keys);
    }

    /**
     * Plans the answer: reads the shards, sensors and the hours or entry ranges to read, then hands back the
     * results as a cold publisher. An unreachable Redis fails the returned {@link Mono}, before any result.
     *
     * @param question what to answer; never {@code null}
     * @return the answer, whose results read Redis when subscribed
     */
    public Mono<Answer> answer(Question question) {
        Objects.requireNonNull(question, "question");
        return redis.commands().flatMap(r -> shardCount.read(r,
                        shards -> Topology.read(r, keys, question.sensor(), shards))
                .flatMap(topology -> question.answer(new Reading(r, topology, keys, sizes, failures, packets))));
    }

    /** @return the number of stream shards of the deployment ({@code <ns>:config} field {@code shards}, else 1) */
    public Mono<Integer> shardCount() {
        return redis.commands().flatMap(r -> Topology.shardCount(r, keys));
    }

    /**
     * Question 5 for one packet-stream entry, as a live subscription needs it when the entry is indexed: the
     * entry's packets whose payload holds the sequence, within the question's sensor and time range; the limit
     * does not apply. Empty when the entry is gone.
     *
     * @param shard    the shard whose stream holds the entry
     * @param entryId  the entry
     * @param question what to match; never {@code null}
     * @return the matches in entry order
     */
    public Flux<QueryResult.PacketMatch> entryMatches(int shard, StreamId entryId, Question.Containing question) {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(question, "question");
        return redis.commands().flatMapMany(r -> packets.entry(r, shard, entryId, question));
    }

    /** @return how fresh the index is over every shard; fails when Redis cannot be reached */
    public Mono<Freshness> freshness() {
        return redis.commands().flatMap(r -> shardCount.read(r,
                shards -> Freshness.read(r, keys, java.util.stream.IntStream.range(0, shards).boxed().toList())));
    }

    /** @return the sensors seen and the shards an indexer holds; fails when Redis cannot be reached */
    public Mono<Coverage> coverage() {
        return redis.commands().flatMap(r -> Coverage.read(r, keys));
    }

    /** @return the dead letters of every shard; fails when Redis cannot be reached */
    public Mono<DeadLetters> deadLetters() {
        return redis.commands().flatMap(r -> Topology.shardCount(r, keys)
                .flatMap(shards -> DeadLetters.read(r, keys, shards)));
    }

    /** @return completes when Redis answers PING; fails otherwise */
    public Mono<Void> ping() {
        return redis.commands().flatMap(r -> r.ping()).then();
    }
}

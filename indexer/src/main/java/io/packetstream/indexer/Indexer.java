package io.packetstream.indexer;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.keys.NamespaceShards;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.RedisRefusal;
import io.packetstream.indexer.commit.ShardWriter;
import io.packetstream.indexer.consume.ReadClient;
import io.packetstream.indexer.consume.ShardConsumer;
import io.packetstream.indexer.consume.ShardProbe;
import io.packetstream.indexer.consume.ShardShare;
import io.packetstream.indexer.write.BatchBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A running indexer: one loop per shard of the deployment; each takes its shard when it is free and within this
 * indexer's share, reads the shard's stream in the consumer group {@link KeySchema#CONSUMER_GROUP} and commits every
 * batch through the shard's writer (docs/architecture.md, "Committing a batch").
 * The entry point for the CLI, tests, the benchmark and the launcher.
 */
public final class Indexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(20);
    private static final Duration SHARD_COUNT_POLL = Duration.ofMillis(500);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ShardConsumer> consumers = new ArrayList<>();
    private final AtomicLong newestNanos = new AtomicLong(Long.MIN_VALUE);
    private ShardProbe probe;
    private int shards;

    private Indexer() {
    }

    /**
     * Connects, reads the number of shards (writing 1 when the deployment has none yet) and starts consuming.
     *
     * @param options  how to consume; never {@code null}
     * @param redis    where; never {@code null}
     * @param keys     key names; never {@code null}
     * @param registry where to count; never {@code null}
     * @return the running indexer; close it to stop
     * @throws PacketstreamException when Redis cannot be reached or the deployment's settings are unusable
     */
    public static Indexer start(IndexerOptions options, RedisOptions redis, KeySchema keys, MeterRegistry registry) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(registry, "registry");
        Indexer indexer = new Indexer();
        try {
            indexer.open(options, redis, keys, registry);
            return indexer;
        } catch (RuntimeException e) {
            indexer.close();
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // Lettuce says "Unable to connect" for a wrong password too: name the root cause
            String why = root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
            throw new PacketstreamException("cannot start the indexer on Redis at " + redis.shown() + ": " + why, e);
        }
    }

    /**
     * Like {@link #start}, but waits with backoff (up to the options' max backoff) while Redis cannot be reached or is
     * still loading, warning once; gives up at once on what waiting cannot fix (wrong password, no permission, bad
     * deployment settings).
     *
     * @param stopping asked between attempts: true ends the wait
     * @return the running indexer, or empty when {@code stopping} ended the wait
     * @throws PacketstreamException for errors that waiting cannot fix
     */
    public static Optional<Indexer> startWhenReachable(IndexerOptions options, RedisOptions redis,
                                                                 KeySchema keys, MeterRegistry registry,
                                                                 BooleanSupplier stopping) {
        Duration backoff = options.minBackoff();
        boolean waited = false;
        while (!stopping.getAsBoolean()) {
            try {
                Indexer indexer = start(options, redis, keys, registry);
                if (waited) {
                    log.info("Redis is reachable now; indexing");
                }
                return Optional.of(indexer);
            } catch (PacketstreamException e) {
                if (stopping.getAsBoolean()) {
                    break; // stopped while waiting for Redis or for the shard count: no error
                }
                if (!worthWaiting(e)) {
                    throw e;
                }
                if (!waited) {
                    log.warn("{}; retrying with backoff up to {} until Redis is reachable", e.getMessage(),
                            options.maxBackoff());
                    waited = true;
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
                    : backoff.multipliedBy(2);
        }
        return Optional.empty();
    }

    /**
     * @return true for an outage (no connection, a connection reset or closed while starting, as when Redis is
     * killed or restarted, a timeout, Redis loading): waiting fixes it
     */
    static boolean worthWaiting(Throwable e) {
        boolean outage = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (RedisRefusal.of(c).isPresent()
                    || m.contains("cluster support disabled")) { // several --redis URLs, not of a cluster
                return false; // Lettuce wraps these in "Unable to connect": look at the whole chain first
            }
            outage |= c instanceof RedisConnectionException
                    || c instanceof RedisCommandTimeoutException
                    || c instanceof IOException
                    || m.startsWith("Currently not connected") || m.startsWith("Connection closed")
                    || m.startsWith("LOADING") || m.startsWith("MASTERDOWN") || m.startsWith("TRYAGAIN");
        }
        return outage;
    }

    private void open(IndexerOptions options, RedisOptions redis, KeySchema keys, MeterRegistry registry) {
        RedisConnections client = track(new RedisConnections(redis));
        ReadClient readClient = track(new ReadClient(redis, options.block()));
        RedisConnection main = track(client.connect());
        shards = shardCount(main.sync(), keys, options.shards());
        probe = new ShardProbe(main, keys);
        IndexerMeters.NEWEST_INDEXED.gauge(registry, newestNanos,
                n -> n.get() == Long.MIN_VALUE ? Double.NaN : n.get() / 1e9);
        ShardWriter.Settings writer = new ShardWriter.Settings(options.consumer(), options.lease(),
                options.retention(), options.deadLetterMaxLength(), options.changeRetention(), redis.commandTimeout());
        BatchBuilder builder = new BatchBuilder(keys, new AddressClassifier(options.localNetworks()));
        ShardShare share = new ShardShare(main.sync(), keys, options.consumer(), shards, options.lease());
        track(share::leave);
        for (int k = 0; k < shards; k++) {
            ShardConsumer consumer = new ShardConsumer(k, keys, readClient, client.connect(), writer, share, builder,
                    options, registry, newestNanos);
            consumers.add(consumer);
            track(consumer::close);
        }
        consumers.forEach(ShardConsumer::start);
        IndexingProgress progress = track(new IndexingProgress(probe, shards, options.progress(), registry));
        progress.start();
        log.info("indexing {} shard(s) of namespace '{}' as consumer '{}' of group '{}' (batches of {} entries, "
                        + "retention {}, lease {}, {})", shards, keys.namespace(), options.consumer(),
                KeySchema.CONSUMER_GROUP, options.batchEntries(), options.retention(), options.lease(),
                options.changeRetention().isZero() ? "no change events"
                        : "change events kept " + options.changeRetention());
    }

    /**
     * The namespace's shard count: the one this indexer was told, stored if nothing is (refusing another one), or
     * the one stored, waiting until an agent or indexer told {@code --shards} has stored it.
     */
    private static int shardCount(RedisClusterCommands<String, byte[]> redis, KeySchema keys, OptionalInt told) {
        if (told.isPresent()) {
            NamespaceShards.Claim claim = NamespaceShards.claim(redis, keys, told.getAsInt());
            if (claim.created()) {
                log.info("namespace '{}' set up with {} shard(s) ({} {})", keys.namespace(), claim.shards(),
                        keys.config(), NamespaceShards.FIELD);
            } else if (claim.shards() != told.getAsInt()) {
                throw new PacketstreamException(NamespaceShards.mismatch(keys, claim.shards(), told.getAsInt()));
            }
            return claim.shards();
        }
        OptionalInt stored = NamespaceShards.stored(redis, keys);
        if (stored.isEmpty()) {
            log.info("namespace '{}' has no shard count yet ({} {}); waiting for the first agent or indexer started "
                    + "with --shards (or set it: HSET {} {} N)", keys.namespace(), keys.config(), NamespaceShards.FIELD,
                    keys.config(), NamespaceShards.FIELD);
        }
        while (stored.isEmpty()) {
            try {
                Thread.sleep(SHARD_COUNT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PacketstreamException("stopped while waiting for the namespace's shard count", e);
            }
            stored = NamespaceShards.stored(redis, keys);
        }
        return stored.getAsInt();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** @return the number of shards consumed */
    public int shards() {
        return shards;
    }

    /**
     * Waits until every shard's stream is fully read and acknowledged by the group (by any of its consumers), i.e.
     * everything written so far is indexed or dead-lettered, and this indexer's own commits have been counted.
     *
     * @param timeout how long to wait at most; never {@code null}
     * @return true when idle, false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (allIdle()) {
                    return true;
                }
            } catch (RuntimeException e) {
                log.debug("cannot ask Redis whether the group is idle: {}", e.getMessage());
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(IDLE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean allIdle() {
        for (int k = 0; k < shards; k++) {
            if (!probe.status(k).idle()) {
                return false;
            }
        }
        // asked after Redis: a batch acknowledged before Redis answered has had its reply counted by now
        for (ShardConsumer consumer : consumers) {
            if (!consumer.settled()) {
                return false;
            }
        }
        return true;
    }

    /** Stops consuming and closes every connection. Entries in flight stay pending and are not lost. */
    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.debug("while closing: {}", e.toString());
            }
        }
        resources.clear();
    }
}

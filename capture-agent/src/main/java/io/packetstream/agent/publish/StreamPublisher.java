package io.packetstream.agent.publish;

import io.packetstream.agent.metrics.AgentMeters;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.source.PacketSink;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.Credentials;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Publishes packets to the shard streams: decodes each frame to pick its shard, batches per shard, and sends
 * {@code XADD <ns>:{k}:packets MAXLEN ~ N * s <sensor> p <batch>} (only while the stream holds fewer than N
 * entries the indexers have not acknowledged, see {@link PublishScript}) on a dedicated connection and thread, with a
 * bounded number in flight and retries with backoff when Redis fails.
 *
 * <p>Exactly once: the XADD runs inside a script that appends each batch only once per (publisher id, shard,
 * sequence number), so a batch sent again because its reply was lost is not stored twice. The publisher id is new
 * for every publisher ({@link #publisherId()}), except that a file replay publishes under the file's own id
 * ({@link #beginResumable}), so a rerun of the file stores only what an earlier run did not.
 *
 * <p>Everything held between capture and acknowledgement is bounded by {@link PublishOptions#bufferPackets()}
 * and {@link PublishOptions#bufferBytes()}. When that is full, {@link PublishOptions.Overflow#WAIT} makes
 * {@link #accept} wait (file replay loses nothing) and {@link PublishOptions.Overflow#DROP} drops and counts the
 * packet (a live capture thread never blocks).
 *
 * <p>{@link #accept}, {@link #flushDue()}, {@link #flush()} and {@link #awaitPublished} belong to one producer
 * thread; {@link #cancel()} and {@link #close()} may come from any thread.
 */
public final class StreamPublisher implements PacketSink, AutoCloseable {

    private static final long WAIT_SLICE_MILLIS = 50;
    /**
     * A heartbeat's clock lags the wall clock by this: packets the kernel captured but the capture thread has not
     * read yet (it reads every few ms) are younger, so the clock never passes a packet still on its way.
     */
    static final long HEARTBEAT_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PublishOptions options;
    private final AgentMetrics metrics;
    private final RedisConnections connections;
    private final PacketBudget budget;
    private final ShardRouter router;
    private final ShardBatches batches;
    private final XaddSender sender;
    private final Thread senderThread;
    private volatile String publisherId;
    private volatile boolean cancelled;
    private boolean resumable; // producer thread: batches close on size and the end of the file only

    private StreamPublisher(RedisOptions redis, KeySchema keys, PublishOptions options, AgentMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
        this.publisherId = options.sensor() + "-" + UUID.randomUUID();
        this.connections = new RedisConnections(redis);
        this.budget = new PacketBudget(options.bufferPackets(), options.bufferBytes());
        this.router = new ShardRouter(options.shards(), metrics);
        this.sender = new XaddSender(connections, Credentials.mask(redis.uris().get(0)), keys, options, publisherId, metrics, budget);
        this.batches = new ShardBatches(options.shards(), options.batchPackets(), options.batchBytes(),
                options.linger().toNanos(), sender::submit);
        AgentMeters.BUFFER_PACKETS.gauge(metrics.registry(), budget, PacketBudget::packets);
        AgentMeters.BUFFER_BYTES.gauge(metrics.registry(), budget, PacketBudget::bytes);
        this.senderThread = sender.start();
    }

    /**
     * Starts connecting to Redis in the background (retrying until {@link #close()}); packets may be accepted at
     * once and are held in the buffer until Redis is reachable.
     *
     * @param redis   where to publish; never {@code null}
     * @param keys    the namespace; never {@code null}
     * @param options batching, bounds, retries; never {@code null}
     * @param metrics where counts go; never {@code null}
     */
    public static StreamPublisher start(RedisOptions redis, KeySchema keys, PublishOptions options, AgentMetrics metrics) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(metrics, "metrics");
        return new StreamPublisher(redis, keys, options, metrics);
    }

    /**
     * Reads the namespace's shard count, for a run not told one ({@link PublishOptions#followStoredShards()}).
     *
     * @param timeout how long to retry while Redis cannot be reached
     * @return the stored count; empty when the namespace has none yet
     * @throws PublishException when Redis stays unreachable, refuses the credentials, or holds no valid count
     */
    public static OptionalInt storedShards(RedisOptions redis, KeySchema keys, Duration timeout)
            throws InterruptedException {
        return ShardsConfig.stored(Objects.requireNonNull(redis, "redis"), Objects.requireNonNull(keys, "keys"),
                Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Waits until Redis was reached and the shard count checked.
     *
     * @return true when ready; false when the timeout passed first (see {@link #lastError()})
     * @throws PublishException when the shard count differs from the namespace's
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        boolean ready = sender.awaitConnected(Objects.requireNonNull(timeout, "timeout"));
        throwIfFailed();
        return ready;
    }

    /** @return this publisher's id in the shards' publishers hashes: the sensor id and a random UUID, or a file's */
    public String publisherId() {
        return publisherId;
    }

    /**
     * Publishes what follows as a resumable replay under {@code publisherId}, with sequences from 1 per shard:
     * batches then close only when full and at {@link #awaitPublished} (never after the linger time nor early
     * when the buffer is full), so the same packets always make the same batches with the same numbers, and a
     * rerun under the same id stores only the batches an earlier run did not (the publish script answers the
     * others "already published").
     *
     * @param publisherId the id of this replay, e.g. from {@link ReplayIdentity}; never {@code null}
     * @throws IllegalStateException when packets are still held: call {@link #awaitPublished} first
     */
    public void beginResumable(String publisherId) {
        Objects.requireNonNull(publisherId, "publisherId");
        if (budget.packets() != 0) {
            throw new IllegalStateException(budget.packets() + " packets are still held; await them first");
        }
        batches.restartSequences();
        sender.switchPublisher(publisherId);
        this.publisherId = publisherId;
        resumable = true;
    }

    /** @return the last connection or publishing error, for messages */
    public String lastError() {
        return sender.lastError();
    }

    /**
     * Takes one packet (copying its bytes). With a full buffer it waits ({@code WAIT}) or drops and counts it
     * ({@code DROP}); after {@link #cancel()} a waiting packet is dropped and counted as {@code shutdown}.
     *
     * @throws PublishException when publishing failed for good (e.g. the shard count differs)
     */
    @Override
    public void accept(long timestampNanos, int originalLength, int linkType, byte[] frame, int offset,
                       int capturedLength) {
        if (!budget.tryAcquire(capturedLength)) {
            throwIfFailed();
            boolean room;
            if (resumable) {
                room = awaitRoomKeepingBatches(capturedLength);
            } else {
                batches.flushAll(); // partial batches hold budget too: send them rather than wait for the linger
                if (options.overflow() == PublishOptions.Overflow.DROP) {
                    metrics.droppedBufferFull();
                    return;
                }
                room = awaitRoom(capturedLength);
            }
            if (!room) {
                metrics.droppedAtShutdown(1);
                return;
            }
        }
        int shard = router.shardOf(linkType, frame, offset, capturedLength);
        batches.append(shard, timestampNanos, originalLength, linkType, frame, offset, capturedLength);
    }

    /**
     * Waits for room without closing a batch early (that would make batches depend on Redis's speed); when all
     * that is held sits in open batches, nothing will make room, so the packet is taken beyond the budget.
     */
    private boolean awaitRoomKeepingBatches(int capturedLength) {
        try {
            while (!budget.tryAcquire(capturedLength)) {
                if (cancelled) {
                    return false;
                }
                throwIfFailed();
                if (budget.packets() <= batches.openPackets()) {
                    budget.forceAcquire(capturedLength);
                    return true;
                }
                budget.awaitRoom(capturedLength, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean awaitRoom(int capturedLength) {
        try {
            while (!budget.tryAcquire(capturedLength)) {
                if (cancelled) {
                    return false;
                }
                throwIfFailed();
                budget.awaitRoom(capturedLength, WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends the batches whose linger time has passed, and clock heartbeats on quiet shards when
     * {@link PublishOptions#heartbeat()} asks for them; call it regularly from the producer thread.
     *
     * @throws PublishException when publishing failed for good, so an idle producer learns of it too
     */
    public void flushDue() {
        throwIfFailed();
        if (resumable) {
            return; // batches of a resumable replay close on size only, see beginResumable
        }
        long now = System.nanoTime();
        batches.flushDue(now);
        if (!options.heartbeat().isZero()) {
            Instant wall = Instant.now();
            long clock = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - HEARTBEAT_LAG_NANOS;
            batches.heartbeats(now, options.heartbeat().toNanos(), clock, () -> budget.tryAcquire(0));
        }
    }

    /** Sends every open batch now. */
    public void flush() {
        batches.flushAll();
    }

    /**
     * Sends every open batch and waits until Redis acknowledged everything held.
     *
     * @return true when all was published; false when the timeout passed first
     * @throws PublishException when publishing failed for good
     */
    public boolean awaitPublished(Duration timeout) throws InterruptedException {
        flush();
        long deadline = System.nanoTime() + saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        while (budget.packets() > 0) {
            throwIfFailed();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            budget.awaitEmpty(Math.min(left, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS)), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** @return the duration in nanoseconds, at most about 146 years instead of overflowing */
    static long saturatedNanos(Duration d) {
        return d.getSeconds() >= Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : d.toNanos();
    }

    /** @return packets held now: batching, queued or in flight */
    public long buffered() {
        return budget.packets();
    }

    /**
     * Makes a packet waiting for room in {@link #accept} give up (dropped, counted as {@code shutdown}), as does
     * any later packet that finds the buffer full; for stopping on a signal while Redis is down.
     * {@link #awaitPublished} still waits its timeout.
     */
    public void cancel() {
        cancelled = true;
        budget.release(0, 0);
    }

    private void throwIfFailed() {
        PublishException failure = sender.failure();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops the sender and closes the connection. Packets still held are counted as dropped with reason
     * {@code shutdown}; call {@link #awaitPublished} first to publish them.
     */
    @Override
    public void close() {
        sender.stop();
        try {
            senderThread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long packets = budget.packets();
        if (packets > 0) {
            metrics.droppedAtShutdown(packets);
            budget.release(packets, budget.bytes());
        }
        connections.close();
    }
}

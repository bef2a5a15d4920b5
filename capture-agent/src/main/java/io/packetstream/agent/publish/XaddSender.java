package io.packetstream.agent.publish;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The publisher's own thread: connects (see {@link RedisConnector}), then pipelines the idempotent XADD
 * ({@link PublishScript}) for ready batches with at most {@code maxInFlight} unacknowledged. Acknowledgements
 * arrive on Lettuce's event loop, which only records them and wakes this thread; nothing here ever blocks an
 * event loop.
 *
 * <p>When a call fails, sending pauses until every call in flight has settled; the failed batches then go back
 * to the head of the line in their original order, with their original sequence numbers, and are retried one at
 * a time with a doubling backoff until one succeeds, so a flow's packets stay in order across an outage and a
 * batch whose first attempt was stored is not stored again. An outage is logged once when it starts and once when
 * it ends. NOSCRIPT and out-of-order replies (an earlier batch of the shard failed while a later one arrived) are
 * retried the same way, at once.
 */
final class XaddSender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(XaddSender.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final List<String> FATAL_ERRORS = List.of("WRONGTYPE", "NOPERM", "ERR unknown command",
            "ERR syntax error", "ERR wrong number of arguments", "ERR Error compiling script");
    /** Redis before 7 wraps errors raised inside a script in this; the cause follows. */
    private static final String SCRIPT_ERROR = "ERR Error running script";

    /** A script call's outcome, handed from the event loop to the sender thread. */
    private record Completion(ReadyBatch batch, long sentNanos, List<Object> reply, Throwable error) {
    }

    private final RedisConnector connector;
    private final String redisName;
    private final PublishOptions options;
    private final AgentMetrics metrics;
    private final PacketBudget budget;
    private volatile PublishScript script;
    private volatile String publisherId;
    private final KeySchema keys;
    private final String[] streams;
    private final ArrayBlockingQueue<ReadyBatch> incoming;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile PublishException failure;
    private volatile String lastError = "no attempt yet";

    // owned by the sender thread
    private final ArrayDeque<ReadyBatch> retry = new ArrayDeque<>();
    private final List<ReadyBatch> failed = new ArrayList<>();
    private final Backoff backoff;
    private int inFlight;
    private boolean probing;
    private long nextAttempt;
    private long outageStart = -1;
    private boolean sendText = true; // EVAL instead of EVALSHA: first call, and after NOSCRIPT
    private boolean retryAtOnce = true; // only NOSCRIPT or out-of-order failures this round: Redis is fine
    private long resyncSequence = -1; // the batch to send with resync (ReadyBatch.sequence)
    private final long[] groupChecked; // per shard: when the script last read the group's position
    private final CapEpisodes cap;
    private final ReplicaAck replicaAck;

    XaddSender(RedisConnections connections, String redisName, KeySchema keys, PublishOptions options,
               String publisherId, AgentMetrics metrics, PacketBudget budget) {
        this.connector = new RedisConnector(connections, redisName, keys, options);
        this.redisName = redisName;
        this.options = options;
        this.metrics = metrics;
        this.budget = budget;
        this.publisherId = publisherId;
        this.keys = keys;
        this.script = new PublishScript(keys, options, publisherId);
        this.streams = new String[options.shards()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = keys.stream(i);
        }
        this.incoming = new ArrayBlockingQueue<>(options.bufferPackets());
        this.groupChecked = new long[options.shards()];
        this.cap = new CapEpisodes(options.maxLen());
        Arrays.fill(groupChecked, System.nanoTime() - PublishScript.GROUP_CHECK_INTERVAL.toNanos());
        this.backoff = new Backoff(options.minBackoff(), options.maxBackoff());
        this.replicaAck = new ReplicaAck(options.replicaWait());
    }

    Thread start() {
        Thread t = new Thread(this, "packetstream-publisher");
        t.setDaemon(true);
        thread = t;
        t.start();
        return t;
    }

    /**
     * Publishes the batches from now on under another publisher id, with sequences from 1. Only while nothing is
     * held (every batch acknowledged), so no batch in flight or waiting for a retry changes its identity.
     */
    void switchPublisher(String id) {
        script = new PublishScript(keys, options, id);
        publisherId = id;
    }

    /** Queues a closed batch; never blocks (the budget bounds how many there can be). */
    void submit(ReadyBatch batch) {
        if (!incoming.offer(batch)) {
            throw new IllegalStateException("more ready batches than buffered packets; the budget is broken");
        }
        LockSupport.unpark(thread);
    }

    /** @return true once connected with the shard count checked; false if the timeout passed first */
    boolean awaitConnected(Duration timeout) throws InterruptedException {
        settled.await(StreamPublisher.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        return connected;
    }

    PublishException failure() {
        return failure;
    }

    String lastError() {
        return lastError;
    }

    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        RedisConnection connection = connect();
        if (connection == null) {
            return;
        }
        try {
            log.info("publishing to {} as publisher {}", redisName, publisherId);
            connection.setAutoFlushCommands(false);
            loop(connection);
        } catch (RuntimeException e) {
            failure = new PublishException("publishing stopped: " + RedisConnector.describe(e), e);
            log.error(failure.getMessage());
            log.debug("publishing stopped", e); // the trace only on request: Lettuce's messages may hold the URL
        } finally {
            connection.close();
            countLateAcknowledgements();
        }
    }

    private RedisConnection connect() {
        try {
            RedisConnection connection = connector.connect(() -> stopping, e -> lastError = e);
            connected = connection != null;
            return connection;
        } catch (PublishException e) {
            failure = e;
            return null;
        } finally {
            settled.countDown();
        }
    }

    private void loop(RedisConnection connection) {
        while (!stopping) {
            long now = System.nanoTime();
            settle(now);
            if (!failed.isEmpty() && inFlight == 0) {
                failed.sort(Comparator.comparingLong(ReadyBatch::sequence));
                for (int i = failed.size() - 1; i >= 0; i--) {
                    retry.addFirst(failed.get(i));
                }
                failed.clear();
                probing = true;
                // at the cap, ask again once the group may have moved; a tighter loop would only load Redis
                nextAttempt = cap.waiting() ? now + PublishScript.GROUP_CHECK_INTERVAL.toNanos()
                        : retryAtOnce ? now : now + backoff.nextNanos();
                retryAtOnce = true;
            }
            if (stopping) {
                return;
            }
            boolean waitingToRetry = probing && now - nextAttempt < 0;
            if (failed.isEmpty() && !waitingToRetry) {
                int limit = probing ? 1 : options.maxInFlight();
                boolean sent = false;
                while (inFlight < limit) {
                    ReadyBatch batch = retry.poll();
                    if (batch != null) {
                        metrics.retried();
                    } else if ((batch = incoming.poll()) == null) {
                        break;
                    }
                    send(connection, batch);
                    sent = true;
                }
                if (sent) {
                    flush(connection);
                }
            }
            long park = waitingToRetry ? Math.min(IDLE_PARK_NANOS, nextAttempt - now) : IDLE_PARK_NANOS;
            if (completions.isEmpty()) {
                LockSupport.parkNanos(this, Math.max(1, park));
            }
        }
    }

    /**
     * Lettuce may throw from a flush racing a connection that just died (its channel already null, seen when
     * connections are killed mid-replay). That is an outage like any other, not the end of publishing: the
     * commands left unsent expire after the command timeout and are retried with their sequence numbers.
     */
    private void flush(RedisConnection connection) {
        try {
            connection.flushCommands();
        } catch (RuntimeException e) {
            lastError = RedisConnector.describe(e);
            log.debug("flushing to Redis failed; the commands will time out and be retried", e);
        }
    }

    private void send(RedisConnection connection, ReadyBatch batch) {
        inFlight++;
        long sent = System.nanoTime();
        boolean checkGroup = sent - groupChecked[batch.shard()] >= PublishScript.GROUP_CHECK_INTERVAL.toNanos();
        if (checkGroup) {
            groupChecked[batch.shard()] = sent;
        }
        CompletionStage<List<Object>> reply = replicaAck.after(connection, streams[batch.shard()],
                script.send(connection.async(), batch, sendText, batch.sequence() == resyncSequence, checkGroup));
        sendText = false;
        reply.whenComplete((result, error) -> {
            completions.add(new Completion(batch, sent, result, error));
            LockSupport.unpark(thread);
        });
    }

    private void settle(long now) {
        Completion c;
        while ((c = completions.poll()) != null) {
            inFlight--;
            if (c.error() != null) {
                failed(c, now);
                if (stopping) {
                    return;
                }
                continue;
            }
            PublishScript.Reply reply = PublishScript.reply(c.reply());
            switch (reply.outcome()) {
                case APPENDED -> acknowledged(c, now);
                case DUPLICATE -> {
                    metrics.deduplicated();
                    acknowledged(c, now);
                }
                case OUT_OF_ORDER -> outOfOrder(c.batch(), reply.stored(), now);
                case FULL -> atCap(c.batch(), reply.stored(), now);
            }
        }
    }

    private void failed(Completion c, long now) {
        if (c.error() instanceof RedisNoScriptException) {
            sendText = true; // Redis restarted or its scripts were flushed
            failed.add(c.batch());
            return;
        }
        if (isFatal(c.error())) {
            failure = new PublishException("Redis rejected XADD to " + streams[c.batch().shard()] + ": "
                    + RedisConnector.describe(c.error()), c.error());
            log.error(failure.getMessage());
            stopping = true;
            return;
        }
        failed.add(c.batch());
        retryAtOnce = false;
        if (outageStart < 0) {
            outageStart = now;
            lastError = RedisConnector.describe(c.error());
            log.warn("publishing to Redis at {} failed ({}); holding up to {} packets and retrying with "
                            + "backoff; {}", redisName, lastError, options.bufferPackets(),
                    options.overflow() == PublishOptions.Overflow.WAIT ? "reading waits meanwhile"
                            : "new packets are dropped and counted once the buffer is full");
        }
    }

    /**
     * An earlier batch of the shard is missing in Redis. Usually it failed while this one was in flight: both are
     * retried in order. But a probe is sent alone after every earlier batch was acknowledged, so there the stored
     * sequence itself was lost (the hash expired after a day without appends, or Redis lost writes): the batch is
     * sent again at once, accepting the gap.
     */
    private void outOfOrder(ReadyBatch batch, long stored, long now) {
        if (!probing) {
            failed.add(batch);
            return;
        }
        log.warn("Redis holds sequence {} for publisher {} on {} although this publisher's batches up to {} were "
                        + "acknowledged (the sequence expired or Redis lost writes); continuing from {}", stored,
                publisherId, streams[batch.shard()], batch.shardSequence() - 1, batch.shardSequence());
        resyncSequence = batch.sequence();
        retry.addFirst(batch);
        nextAttempt = now;
    }

    /**
     * The shard's stream holds its cap of entries the indexers have not acknowledged. File replay: the batch goes
     * back in line with its sequence number and is offered again every group check until the indexers made room,
     * while the buffer fills and reading waits (backpressure up to the file). Live capture: the script used up
     * the sequence number; the batch is dropped and counted. Either is said once per episode.
     */
    private void atCap(ReadyBatch batch, long unacknowledged, long now) {
        if (options.overflow() == PublishOptions.Overflow.DROP) {
            metrics.droppedStreamFull(batch.packets());
            budget.release(batch.budgetPackets(), batch.bytes());
            cap.dropped(streams[batch.shard()], unacknowledged, now);
            return;
        }
        failed.add(batch);
        cap.refused(streams[batch.shard()], unacknowledged, now);
    }

    /** After the close: what Redis acknowledged counts as published; what failed stays held (shutdown drops). */
    private void countLateAcknowledgements() {
        Completion c;
        while ((c = completions.poll()) != null) {
            if (c.error() != null) {
                continue;
            }
            PublishScript.Outcome outcome = PublishScript.reply(c.reply()).outcome();
            if (outcome != PublishScript.Outcome.OUT_OF_ORDER) {
                if (outcome == PublishScript.Outcome.DUPLICATE) {
                    metrics.deduplicated();
                }
                metrics.published(c.batch().packets());
                budget.release(c.batch().budgetPackets(), c.batch().bytes());
            }
        }
    }

    private void acknowledged(Completion c, long now) {
        metrics.published(c.batch().packets());
        metrics.publishLatency().record(now - c.sentNanos(), TimeUnit.NANOSECONDS);
        budget.release(c.batch().budgetPackets(), c.batch().bytes());
        if (probing || !cap.waiting()) { // while waiting, only the probe's success says there is room
            cap.appended(now);
        }
        if (c.batch().sequence() == resyncSequence) {
            resyncSequence = -1;
        }
        if (probing) {
            probing = false;
            backoff.reset();
        }
        if (outageStart >= 0) {
            log.info("Redis at {} accepts entries again after {} ms ({} packets held)", redisName,
                    TimeUnit.NANOSECONDS.toMillis(now - outageStart), budget.packets());
            outageStart = -1;
        }
    }

    private static boolean isFatal(Throwable error) {
        if (!(error instanceof RedisCommandExecutionException) || error.getMessage() == null) {
            return false;
        }
        String message = error.getMessage();
        if (message.startsWith(SCRIPT_ERROR)) {
            return FATAL_ERRORS.stream().anyMatch(message::contains);
        }
        return FATAL_ERRORS.stream().anyMatch(message::startsWith);
    }
}

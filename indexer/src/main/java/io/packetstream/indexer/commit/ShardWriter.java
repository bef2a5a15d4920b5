package io.packetstream.indexer.commit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RawReply;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.StreamId;
import io.packetstream.indexer.write.Bytes;
import io.packetstream.indexer.write.IndexBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes one shard's index while this indexer holds the shard's lease (docs/architecture.md, "Committing a
 * batch"). A batch is planned here from what the owner knows Redis holds, its writes stored as the shard's journal
 * (guarded by the lease: from then on the batch counts as committed), applied as plain pipelined commands (each
 * idempotent), then acknowledged together with its dead letters, which drops the journal; writes and
 * acknowledgement go out while the next batch is planned. Whoever holds the shard
 * next applies a journal it finds again before anything else, so a crash at any point counts every batch once.
 *
 * <p>Single-threaded: the shard's consumer thread drives it. After any failure call {@link #reset()}: the state is
 * built again, from Redis, by the next {@link #takeOver()}.
 */
public final class ShardWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardWriter.class);
    /** Members remembered per shard before the oldest are forgotten (about 100 MB at most). */
    static final int MAX_MEMBERS = 1_000_000;

    /**
     * How a shard writer works.
     *
     * @param owner           this indexer's token in the lease: its consumer name
     * @param lease           how long a lease lasts without renewal
     * @param retention       TTL of index keys
     * @param deadLetterMaxLength approximate bound of the dead-letter stream
     * @param changeRetention how long change entries are kept; zero writes no change events
     * @param commandTimeout  how long to wait for Redis
     */
    public record Settings(String owner, Duration lease, Duration retention, long deadLetterMaxLength,
                           Duration changeRetention, Duration commandTimeout) {

        boolean tracking() {
            return !changeRetention.isZero();
        }

        public Settings {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(changeRetention, "changeRetention");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (retention.toSeconds() < 1) {
                throw new IllegalArgumentException("retention must be at least 1s, was " + retention);
            }
        }
    }

    /** Thrown when the lease turned out not to be this indexer's any more: nothing of the call was applied. */
    public static final class LeaseLostException extends PacketstreamException {
        LeaseLostException(int shard) {
            super("lost the lease of shard " + shard + " to another indexer");
        }
    }

    private final int shard;
    private final KeySchema keys;
    private final Settings settings;
    private final Pipeline pipeline;
    private TtlRefreshes ttls;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final WriteStats stats;
    private final ShardScript script;
    private ShardState state;
    private InFlight inFlight;
    private long renewedAt;

    /**
     * @param connection a connection for this writer alone; closed with it
     * @param stats      counts what the writer skips or finds; never {@code null}
     */
    public ShardWriter(int shard, KeySchema keys, RedisConnection connection,
                       Settings settings, WriteStats stats) {
        this(shard, keys, connection, settings, stats, System::nanoTime, System::currentTimeMillis);
    }

    ShardWriter(int shard, KeySchema keys, RedisConnection connection, Settings settings,
                WriteStats stats, LongSupplier nanoTime, LongSupplier wallMillis) {
        this.shard = shard;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.pipeline = new Pipeline(Objects.requireNonNull(connection, "connection"), settings.commandTimeout());
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
        this.script = new ShardScript(pipeline, keys, shard, settings.owner());
    }

    /** @return true when this indexer holds the shard's lease now (it took or renewed it) */
    public boolean acquire() {
        boolean ours = run(new ShardCall.TakeLease(settings.lease())) == 1;
        if (ours) {
            renewedAt = nanoTime.getAsLong();
        }
        return ours;
    }

    /**
     * Renews the lease when a third of it has passed.
     *
     * @throws LeaseLostException when another indexer holds it now
     */
    public void renewIfDue() {
        long now = nanoTime.getAsLong();
        if (now - renewedAt < settings.lease().toNanos() / 3) {
            return;
        }
        if (run(new ShardCall.KeepLease(settings.lease())) != 1) {
            settleLost();
            throw new LeaseLostException(shard);
        }
        renewedAt = now;
    }

    /** Gives the lease up so that another indexer can take the shard at once. */
    public void release() {
        run(new ShardCall.ReleaseLease());
        settleLost();
    }

    /**
     * The lease is gone: reports the batch in flight if its acknowledgement still found the lease ours (its replies
     * are in, having come before the lease check's), since nobody else will; otherwise the next holder finishes it.
     */
    private void settleLost() {
        try {
            settle();
        } catch (LeaseLostException e) {
            // its writes or acknowledgement found the lease taken: the next holder applies its journal
        } finally {
            reset();
        }
    }

    /**
     * Makes this lease holder the shard's writer: applies and acknowledges a journal left behind, then reads what
     * the shard holds (freshness hash with the sensors' clocks, per sensor the seconds its clock can still close,
     * the newest change id).
     */
    public void takeOver() {
        pipeline.load(ShardScript.SCRIPT); // acknowledgements go out without waiting: no NOSCRIPT fallback then
        finishJournal();
        Map<String, String> meta = new HashMap<>();
        List<?> flat = (List<?>) pipeline.call(CommandType.HGETALL, keyArgs(keys.meta(shard)));
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            meta.put(RawReply.text(flat.get(i)), RawReply.text(flat.get(i + 1)));
        }
        long newestMicros = number(meta.get("newest"), ShardState.NONE);
        Map<String, Long> clocks = new HashMap<>();
        meta.forEach((field, value) -> {
            if (field.startsWith(KeySchema.CLOCK_FIELD_PREFIX)) {
                clocks.put(field.substring(KeySchema.CLOCK_FIELD_PREFIX.length()), Long.parseLong(value));
            }
        });
        List<?> sensors = (List<?>) pipeline.call(CommandType.SMEMBERS, keyArgs(keys.sensors(shard)));
        for (Object s : sensors) {
            // written before clocks were per sensor: the shard's newest packet was every sensor's clock
            if (newestMicros != ShardState.NONE) {
                clocks.putIfAbsent(RawReply.text(s), newestMicros * 1000);
            }
        }
        ShardState loaded = new ShardState(number(meta.get("oldest"), ShardState.NONE), newestMicros,
                number(meta.get("packets"), 0), clocks, lastId(keys.changes(shard)), MAX_MEMBERS);
        for (Map.Entry<String, Long> c : clocks.entrySet()) {
            long clockSecond = Math.floorDiv(c.getValue(), 1_000_000_000L);
            loaded.windows.start(c.getKey(), clockSecond - 1);
            for (long sec = clockSecond - 1; sec <= clockSecond; sec++) {
                loadSecond(loaded, c.getKey(), sec);
            }
        }
        state = loaded;
        ttls = new TtlRefreshes(settings.retention(), TtlRefreshes.DEFAULT_MAX_KEYS, nanoTime); // keys may be new again
        log.info("shard {}: writing as {} ({} sensor clocks, {} packets indexed)", shard, settings.owner(),
                clocks.size(), loaded.packets);
    }

    private void loadSecond(ShardState loaded, String sensor, long sec) {
        for (int p = 0; p < KeySchema.CONNECTION_PARTITIONS; p++) {
            loadWindows(loaded, sensor, sec, keys.activeConnections(shard, sensor, sec, p));
        }
    }

    private void loadWindows(ShardState loaded, String sensor, long sec, String key) {
        String cursor = "0";
        do {
            List<?> reply = (List<?>) pipeline.call(CommandType.HSCAN, keyArgs(key, cursor, "COUNT", "500"));
            cursor = RawReply.text(reply.get(0));
            List<?> flat = (List<?>) reply.get(1);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                byte[] v = (byte[]) flat.get(i + 1);
                if (v.length == 8) {
                    ActiveWindow w = ActiveWindow.decode(v);
                    loaded.windows.put(sensor, sec, new Bytes((byte[]) flat.get(i)),
                            WindowCache.pack(w.firstNano(), w.lastNano()));
                }
            }
        } while (!"0".equals(cursor));
    }

    private void finishJournal() {
        String key = keys.journal(shard);
        List<?> fields = (List<?>) pipeline.call(CommandType.HMGET, keyArgs(key, "b", "n"));
        if (fields.get(0) == null) {
            if ((Long) pipeline.call(CommandType.DEL, keyArgs(key)) > 0) {
                log.info("shard {}: dropped the parts of a journal whose batch was never committed", shard);
            }
            return;
        }
        // a journal stored whole, by indexers before journals had parts, has no n
        int parts = fields.get(1) == null ? 1 : Integer.parseInt(RawReply.text(fields.get(1)));
        List<RedisFuture<Object>> replies = new ArrayList<>(parts);
        for (int part = 1; part <= parts; part++) {
            replies.add(pipeline.send(CommandType.HGET, keyArgs(key, ShardCall.StoreJournal.field(part))));
        }
        pipeline.sync();
        Journal journal;
        try {
            journal = Journal.decode(joined(replies));
        } catch (IllegalArgumentException e) {
            stats.journalUnreadable();
            log.error("shard {}: the journal of batch {} is unreadable ({}); dropping it, its entries are indexed "
                    + "again and may count twice", shard, RawReply.text(fields.get(0)), e.getMessage());
            pipeline.call(CommandType.DEL, keyArgs(key));
            return;
        }
        log.warn("shard {}: finishing batch {} ({} entries) that an earlier writer committed but did not acknowledge",
                shard, journal.batchId(), journal.entryIds().size());
        apply(journal.writes());
        acknowledge(journal);
        stats.journalReplayed(journal.entryIds().size());
    }

    /** @return a journal's parts one after the other; a missing part makes it unreadable */
    private static byte[] joined(List<RedisFuture<Object>> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            if (!(Pipeline.value(parts.get(i)) instanceof byte[] part)) {
                throw new IllegalArgumentException("part " + (i + 1) + " of " + parts.size() + " is missing");
            }
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /**
     * Commits a batch: plans it, waits until the batch before it is acknowledged, stores its journal, then sends its
     * writes and its acknowledgement without waiting for them, so that planning the next batch overlaps applying this
     * one. {@link #settle()} (or the next commit) waits for them and reports the result.
     *
     * @param acknowledged told what the batch wrote once it is acknowledged; never if the commit fails
     * @throws LeaseLostException when the lease turned out to be another's
     * @throws io.lettuce.core.RedisException when Redis fails; then {@link #reset()} and take over again
     */
    public void commit(IndexBatch batch, Consumer<CommitResult> acknowledged) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(acknowledged, "acknowledged");
        if (state == null) {
            throw new IllegalStateException("shard " + shard + " is not taken over");
        }
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("an empty batch has nothing to commit");
        }
        renewIfDue();
        Prepared prepared = prepare(batch); // its lookups run in Redis after the writes of the batch in flight
        settle();
        store(prepared.journal());
        Applying applying = send(prepared.journal().writes());
        RedisFuture<Object> ack = script.send(acknowledgement(prepared.journal()));
        pipeline.detach();
        inFlight = new InFlight(prepared, applying, ack, acknowledged);
    }

    /** A batch whose writes and acknowledgement are on their way. */
    private record InFlight(Prepared prepared, Applying applying, RedisFuture<Object> ack,
                            Consumer<CommitResult> acknowledged) {
    }

    /** Writes on their way, in lease-checked calls ({@link ShardCall.Write}), and a reply per call. */
    private record Applying(List<ShardCall.Write> calls, List<RedisFuture<Object>> replies) {
    }

    /**
     * Sends the volume totals held back ({@link VolumeEvents}) when the shard is idle, so that subscribers see a
     * minute's last totals at most a second late even when no batch follows.
     */
    public void flushHeld() {
        if (state == null || !settings.tracking() || !state.volumes.holding()) {
            return;
        }
        settle();
        renewIfDue(); // never write a change entry with a lease that may have passed on
        apply(planner().heldVolumes(wallMillis.getAsLong()));
    }

    private CommitPlanner planner() {
        return new CommitPlanner(new CommitPlanner.Settings(keys, shard, settings.retention().toSeconds(),
                settings.changeRetention()), state);
    }

    /** @return true while a committed batch's acknowledgement has not been waited for */
    public boolean hasInFlight() {
        return inFlight != null;
    }

    /**
     * Waits for the batch in flight, if any: checks its writes and its acknowledgement and reports its result.
     *
     * @throws LeaseLostException when the acknowledgement found the lease taken (the next holder finishes the batch)
     */
    public void settle() {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        List<RedisWrite> writes = f.prepared().journal().writes();
        check(f.applying());
        RedisFuture<Object> ack = f.ack();
        pipeline.await(List.of(ack));
        if ((Long) Pipeline.value(ack) == 0) {
            reset();
            throw new LeaseLostException(shard);
        }
        ttls.refreshed(f.prepared().plan().expired(), f.prepared().sentAt());
        f.acknowledged().accept(new CommitResult(writes.size(), f.prepared().plan().events()));
    }

    /** A planned batch: its journal, and what to record once it is acknowledged. */
    record Prepared(Journal journal, CommitPlanner.Plan plan, long sentAt) {
    }

    /** Step 1: looks up what the state lacks and plans the batch, updating the state as if it were applied. */
    Prepared prepare(IndexBatch batch) {
        CommitPlanner planner = planner();
        List<CommitPlanner.Lookup> lookups = planner.lookups(batch);
        if (!lookups.isEmpty()) {
            List<RedisFuture<Object>> replies = new ArrayList<>(lookups.size());
            for (CommitPlanner.Lookup l : lookups) {
                replies.add(pipeline.send(l.command(), l.key(), l.args()));
            }
            pipeline.sync();
            for (int i = 0; i < lookups.size(); i++) {
                lookups.get(i).onReply().accept(Pipeline.value(replies.get(i)));
            }
        }
        long sentAt = ttls.now();
        CommitPlanner.Plan plan = planner.plan(batch, key -> ttls.due(key, sentAt), wallMillis.getAsLong());
        return new Prepared(new Journal(batch.entryIds().get(0), batch.entryIds(), batch.deadLetters(), plan.writes()),
                plan, sentAt);
    }

    /** Step 2: stores the journal; from here on the batch counts as committed. */
    void store(Journal journal) {
        List<RedisFuture<Object>> replies = new ArrayList<>();
        for (ShardCall.StoreJournal part : ShardCall.StoreJournal.of(journal)) {
            replies.add(script.send(part));
        }
        pipeline.sync();
        for (RedisFuture<Object> r : replies) {
            if ((Long) Pipeline.value(r) != 1) {
                reset();
                throw new LeaseLostException(shard);
            }
        }
    }

    /** Step 3: applies writes, all pipelined, and waits for them ({@link #check}). */
    void apply(List<RedisWrite> writes) {
        Applying applying = send(writes);
        pipeline.detach();
        check(applying);
    }

    /** Queues the writes in lease-checked calls of a few dozen each. */
    private Applying send(List<RedisWrite> writes) {
        List<ShardCall.Write> calls = ShardCall.Write.split(writes);
        List<RedisFuture<Object>> replies = new ArrayList<>(calls.size());
        for (ShardCall.Write call : calls) {
            replies.add(script.send(call));
        }
        return new Applying(calls, replies);
    }

    /**
     * Waits for the replies of writes. A write Redis refuses for its data (a key of another type, put there by
     * something else) is skipped and counted, so one foreign key cannot stop the shard; a change entry Redis already
     * holds (a journal applied again) is fine. Anything else fails the call; a lease found another's stops the writer.
     */
    private void check(Applying applying) {
        pipeline.await(applying.replies());
        for (int i = 0; i < applying.calls().size(); i++) {
            Object reply = Pipeline.value(applying.replies().get(i));
            if (reply instanceof Long none && none == 0) {
                reset();
                throw new LeaseLostException(shard);
            }
            List<?> refused = (List<?>) reply;
            for (int k = 1; k + 1 < refused.size(); k += 2) {
                RedisWrite w = applying.calls().get(i).writes().get(((Long) refused.get(k)).intValue() - 1);
                String error = RawReply.text(refused.get(k + 1));
                if (error.startsWith("WRONGTYPE")) {
                    stats.writeSkipped();
                    log.warn("shard {}: {} {} skipped: {}", shard, w.command(), w.key(), error);
                } else if (!error.contains("equal or smaller than the target stream top item")) {
                    throw new RedisCommandExecutionException(w.command() + " " + w.key() + ": " + error);
                }
            }
        }
    }

    /** Step 4: acknowledges the batch with its dead letters and drops the journal. */
    void acknowledge(Journal journal) {
        if (run(acknowledgement(journal)) == 0) {
            reset();
            throw new LeaseLostException(shard);
        }
    }

    private ShardCall.Acknowledge acknowledgement(Journal journal) {
        return new ShardCall.Acknowledge(journal, KeySchema.CONSUMER_GROUP, settings.retention().toSeconds(),
                settings.deadLetterMaxLength());
    }

    /**
     * Forgets the shard's state and a batch in flight (its journal, if stored, is finished by the next holder); the
     * next {@link #takeOver()} reads the state again.
     */
    public void reset() {
        state = null;
        inFlight = null;
    }

    private long run(ShardCall call) {
        return script.run(call);
    }

    /** @return the stream's last generated id, {@link StreamId#MIN} when there is no stream */
    private StreamId lastId(String stream) {
        try {
            return StreamId.lastGenerated((List<?>) pipeline.call(CommandType.XINFO, plainArgs("STREAM").addKey(stream)));
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no such key")) {
                throw e;
            }
        }
        return StreamId.MIN;
    }

    private static CommandArgs<String, byte[]> keyArgs(String key, String... rest) {
        CommandArgs<String, byte[]> a = new CommandArgs<>(RedisConnections.CODEC).addKey(key);
        for (String r : rest) {
            a.add(r);
        }
        return a;
    }

    private static CommandArgs<String, byte[]> plainArgs(String first) {
        return new CommandArgs<>(RedisConnections.CODEC).add(first);
    }

    private static long number(String value, long absent) {
        return value == null ? absent : Long.parseLong(value);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}

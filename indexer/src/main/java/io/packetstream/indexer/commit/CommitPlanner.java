package io.packetstream.indexer.commit;

import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.Args;
import io.packetstream.indexer.write.Bytes;
import io.packetstream.indexer.write.ChangeTag;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.KeyWrite;
import io.packetstream.indexer.write.WriteOp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns a batch's aggregated {@link KeyWrite}s into what Redis must do, using what the shard's owner knows Redis
 * holds ({@link ShardState}): only members Redis lacks, absolute totals and windows, TTLs only when due, and the
 * change events, derived here instead of inside Redis. Two steps per batch: {@link #lookups} names what the state
 * does not know yet (one pipelined round trip), then {@link #plan} computes the writes and updates the state as if
 * they were applied. Single-threaded, one per shard.
 */
final class CommitPlanner {

    /** Arguments per command: keeps every call short, and pairs stay whole. */
    static final int CHUNK = 500;
    /** Events per change-stream entry. */
    static final int EVENTS_PER_ENTRY = 2000;
    private static final int MINUTES_PER_DAY = 1440;

    /**
     * @param keys            key names
     * @param shard           the shard
     * @param ttlSeconds      TTL of index keys
     * @param changeRetention how long change entries are kept; zero writes no change events
     */
    record Settings(KeySchema keys, int shard, long ttlSeconds, Duration changeRetention) {
        boolean tracking() {
            return !changeRetention.isZero();
        }
    }

    /** A read the state needs before planning, and what to do with its reply. */
    record Lookup(CommandType command, String key, List<byte[]> args, Consumer<Object> onReply) {
    }

    /** One change event and its type, as the meter counts it. */
    record Event(ChangeType type, ChangeEvent event) {
    }

    /**
     * @param writes    everything to apply, index writes first, change entries last
     * @param expired   keys whose TTL the writes set
     * @param events    events written, by type
     */
    record Plan(List<RedisWrite> writes, List<String> expired, Map<ChangeType, Long> events) {
    }

    private final Settings settings;
    private final ShardState state;
    /** each question-2 write's minutes, by identity: the planner lives for one batch */
    private final Map<KeyWrite, Map<Integer, long[]>> minutes = new IdentityHashMap<>();
    private long nowMillis;

    CommitPlanner(Settings settings, ShardState state) {
        this.settings = settings;
        this.state = state;
    }

    /** @return the reads that fill in what the state does not know about the batch's keys */
    List<Lookup> lookups(IndexBatch batch) {
        List<Lookup> out = new ArrayList<>();
        for (KeyWrite w : batch.writes()) {
            switch (w.op()) {
                case SET_ADD, SORTED_ADD -> {
                    if (w.changes() instanceof ChangeTag.NewMembers t && !state.fresh(t.epochMinute())) {
                        lookupMembers(w, state.members.minute(w.key(), t.epochMinute()), out);
                    }
                }
                case HASH_INCREMENT -> lookupTotals(w, out);
                case WINDOW_MERGE -> lookupWindows(w, out);
                default -> {
                }
            }
        }
        return out;
    }

    private void lookupMembers(KeyWrite w, Set<Bytes> known, List<Lookup> out) {
        boolean sorted = w.op() == WriteOp.SORTED_ADD;
        List<byte[]> unknown = new ArrayList<>();
        for (int i = sorted ? 1 : 0; i < w.args().size(); i += sorted ? 2 : 1) {
            if (!known.contains(new Bytes(w.args().get(i)))) {
                unknown.add(w.args().get(i));
            }
        }
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            List<byte[]> part = unknown.subList(from, Math.min(unknown.size(), from + CHUNK));
            out.add(new Lookup(sorted ? CommandType.ZMSCORE : CommandType.SMISMEMBER, w.key(), part, reply -> {
                List<?> held = (List<?>) reply;
                int added = 0;
                for (int q = 0; q < part.size(); q++) {
                    Object h = held.get(q);
                    if (h != null && !(h instanceof Long l && l == 0)) {
                        known.add(new Bytes(part.get(q)));
                        added++;
                    }
                }
                state.members.added(added);
            }));
        }
    }

    private void lookupTotals(KeyWrite w, List<Lookup> out) {
        long firstMinute = ((ChangeTag.Totals) w.changes()).epochDay() * MINUTES_PER_DAY;
        for (int minute : minutesOf(w).keySet()) {
            long epochMinute = firstMinute + minute;
            if (state.totals.get(w.key(), epochMinute) == null && !state.fresh(epochMinute)) {
                out.add(new Lookup(CommandType.HMGET, w.key(), List.of(Args.ascii("p" + minute), Args.ascii("b" + minute)),
                        reply -> {
                            List<?> values = (List<?>) reply;
                            state.totals.put(w.key(), epochMinute, parsed(values.get(0)), parsed(values.get(1)));
                        }));
            }
        }
    }

    private void lookupWindows(KeyWrite w, List<Lookup> out) {
        ChangeTag.Windows t = (ChangeTag.Windows) w.changes();
        List<byte[]> conns = new ArrayList<>(w.args().size() / 2);
        for (int i = 0; i < w.args().size(); i += 2) {
            conns.add(w.args().get(i));
        }
        int partition = KeySchema.connectionPartition(conns.get(0)); // a write holds one partition's connections
        for (long s = t.epochSecond() - 1; s <= t.epochSecond() + 1; s++) {
            if (state.windows.mirrors(t.sensor(), s)) {
                continue;
            }
            long second = s;
            String key = settings.keys().activeConnections(settings.shard(), t.sensor(), second, partition);
            for (int from = 0; from < conns.size(); from += CHUNK) {
                List<byte[]> part = conns.subList(from, Math.min(conns.size(), from + CHUNK));
                out.add(new Lookup(CommandType.HMGET, key, part, reply -> {
                    List<?> values = (List<?>) reply;
                    for (int q = 0; q < part.size(); q++) {
                        byte[] v = (byte[]) values.get(q);
                        state.windows.prefetched(t.sensor(), second, new Bytes(part.get(q)),
                                v == null || v.length != 8 ? null : window(v));
                    }
                }));
            }
        }
    }

    /**
     * Computes the batch's writes and events and records them in the state as applied.
     *
     * @param ttlDue    whether a key's TTL must be set now
     * @param nowMillis wall clock for change-entry ids and their retention
     */
    Plan plan(IndexBatch batch, Predicate<String> ttlDue, long nowMillis) {
        this.nowMillis = nowMillis;
        ActivityEvents activity = new ActivityEvents(state.windows, state.clocks, settings.tracking());
        List<RedisWrite> writes = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (KeyWrite w : batch.writes()) {
            switch (w.op()) {
                case SET_ADD, SORTED_ADD -> members(w, writes, events);
                case SCORE_MIN -> chunked(CommandType.ZADD, w.key(), List.of(Args.ascii("LT")), w.args(), writes);
                case SCORE_MAX -> chunked(CommandType.ZADD, w.key(), List.of(Args.ascii("GT")), w.args(), writes);
                case HASH_INCREMENT -> totals(w, writes, events);
                case WINDOW_MERGE -> windows(w, activity, writes);
                case META -> meta(w, writes);
            }
            if (ttlDue.test(w.key())) {
                writes.add(new RedisWrite(CommandType.EXPIRE, w.key(), List.of(Args.number(settings.ttlSeconds()))));
                expired.add(w.key());
            }
        }
        clocks(batch, ttlDue, writes, expired);
        Map<ChangeType, Long> counts = new EnumMap<>(ChangeType.class);
        if (settings.tracking()) {
            List<Event> all = new ArrayList<>();
            for (ChangeEvent e : activity.close(state.clocks)) {
                all.add(new Event(e instanceof ChangeEvent.ConnectionActive ? ChangeType.CONNECTION_ACTIVE
                        : ChangeType.CONNECTION_INACTIVE, e));
            }
            all.addAll(events);
            for (ChangeEvent e : state.volumes.due(nowMillis, false)) {
                all.add(new Event(ChangeType.VOLUME, e));
            }
            for (ChangeEvent.EntryIndexed e : batch.indexed()) {
                all.add(new Event(ChangeType.ENTRY, e));
            }
            changeEntries(all, nowMillis, writes);
            all.forEach(e -> counts.merge(e.type(), 1L, Long::sum));
        }
        state.endBatch();
        return new Plan(writes, expired, counts);
    }

    private void members(KeyWrite w, List<RedisWrite> writes, List<Event> events) {
        boolean sorted = w.op() == WriteOp.SORTED_ADD;
        ChangeTag.NewMembers tag = w.changes() instanceof ChangeTag.NewMembers t ? t : null;
        Set<Bytes> known = tag != null ? state.members.minute(w.key(), tag.epochMinute())
                : state.members.plain(w.key());
        List<byte[]> add = new ArrayList<>();
        int step = sorted ? 2 : 1;
        for (int i = 0; i < w.args().size(); i += step) {
            byte[] member = w.args().get(i + step - 1);
            if (known.add(new Bytes(member))) {
                add.addAll(w.args().subList(i, i + step));
                if (tag != null) {
                    events.add(memberEvent(tag, member));
                }
            }
        }
        state.members.added(add.size() / step);
        chunked(sorted ? CommandType.ZADD : CommandType.SADD, w.key(), List.of(), add, writes);
    }

    private static Event memberEvent(ChangeTag.NewMembers tag, byte[] member) {
        return switch (tag.letter()) {
            case ChangeTag.NewMembers.PEER -> {
                var hostPort = IndexMembers.peerHostPortOf(member);
                yield new Event(ChangeType.PEER, new ChangeEvent.PeerSeen(tag.sensor(), tag.epochMinute(),
                        hostPort.address(), hostPort.port(), IndexMembers.peerOf(member)));
            }
            case ChangeTag.NewMembers.SERVICE -> new Event(ChangeType.SERVICE,
                    new ChangeEvent.ServiceSeen(tag.sensor(), tag.epochMinute(), IndexMembers.serviceOf(member)));
            case ChangeTag.NewMembers.OUTSIDE -> {
                IpAddress[] pair = IndexMembers.hostPairOf(member);
                yield new Event(ChangeType.OUTSIDE,
                        new ChangeEvent.OutsideSeen(tag.sensor(), tag.epochMinute(), pair[0], pair[1]));
            }
            default -> throw new IllegalArgumentException("no member event " + tag.letter());
        };
    }

    private void totals(KeyWrite w, List<RedisWrite> writes, List<Event> events) {
        ChangeTag.Totals t = (ChangeTag.Totals) w.changes();
        long firstMinute = t.epochDay() * MINUTES_PER_DAY;
        List<byte[]> fields = new ArrayList<>();
        for (Map.Entry<Integer, long[]> m : minutesOf(w).entrySet()) {
            long epochMinute = firstMinute + m.getKey();
            long[] known = state.totals.get(w.key(), epochMinute);
            if (known == null) {
                if (!state.fresh(epochMinute)) {
                    throw new IllegalStateException("totals of " + w.key() + " minute " + m.getKey() + " not looked up");
                }
                known = state.totals.put(w.key(), epochMinute, 0, 0);
            }
            long packets = known[0] += m.getValue()[0];
            long bytes = known[1] += m.getValue()[1];
            fields.add(Args.ascii("p" + m.getKey()));
            fields.add(Args.number(packets));
            fields.add(Args.ascii("b" + m.getKey()));
            fields.add(Args.number(bytes));
            ChangeEvent v = settings.tracking()
                    ? state.volumes.update(t.sensor(), t.low(), t.high(), epochMinute, packets, bytes, nowMillis) : null;
            if (v != null) {
                events.add(new Event(ChangeType.VOLUME, v));
            }
        }
        chunked(CommandType.HSET, w.key(), List.of(), fields, writes);
    }

    /** @return minute of day → {packets, bytes} added by the batch, ascending; parsed once for lookups and plan */
    private Map<Integer, long[]> minutesOf(KeyWrite w) {
        return minutes.computeIfAbsent(w, CommitPlanner::parseMinutes);
    }

    private static Map<Integer, long[]> parseMinutes(KeyWrite w) {
        Map<Integer, long[]> minutes = new TreeMap<>();
        for (int i = 0; i < w.args().size(); i += 2) {
            String field = new String(w.args().get(i), StandardCharsets.US_ASCII);
            long n = Long.parseLong(new String(w.args().get(i + 1), StandardCharsets.US_ASCII));
            long[] sums = minutes.computeIfAbsent(Integer.parseInt(field.substring(1)), m -> new long[2]);
            sums[field.charAt(0) == 'p' ? 0 : 1] += n;
        }
        return minutes;
    }

    private void windows(KeyWrite w, ActivityEvents activity, List<RedisWrite> writes) {
        ChangeTag.Windows t = (ChangeTag.Windows) w.changes();
        Map<Bytes, Long> batch = new LinkedHashMap<>();
        for (int i = 0; i < w.args().size(); i += 2) {
            batch.put(new Bytes(w.args().get(i)), window(w.args().get(i + 1)));
        }
        List<byte[]> fields = new ArrayList<>(w.args().size());
        for (Map.Entry<Bytes, Long> e : activity.merge(t.sensor(), t.epochSecond(), batch).entrySet()) {
            fields.add(e.getKey().value());
            fields.add(new ActiveWindow(WindowCache.first(e.getValue()), WindowCache.last(e.getValue())).encode());
        }
        chunked(CommandType.HSET, w.key(), List.of(), fields, writes);
    }

    private void meta(KeyWrite w, List<RedisWrite> writes) {
        long oldest = Long.parseLong(new String(w.args().get(0), StandardCharsets.US_ASCII));
        long newest = Long.parseLong(new String(w.args().get(1), StandardCharsets.US_ASCII));
        long packets = Long.parseLong(new String(w.args().get(2), StandardCharsets.US_ASCII));
        state.oldestMicros = state.oldestMicros == ShardState.NONE ? oldest : Math.min(state.oldestMicros, oldest);
        state.newestMicros = state.newestMicros == ShardState.NONE ? newest : Math.max(state.newestMicros, newest);
        state.packets += packets;
        writes.add(new RedisWrite(CommandType.HSET, w.key(), List.of(
                Args.ascii("oldest"), Args.number(state.oldestMicros), Args.ascii("newest"), Args.number(state.newestMicros),
                Args.ascii("packets"), Args.number(state.packets))));
    }

    /**
     * Advances the sensors' capture clocks to what the batch brought (packets and heartbeats) and stores them as
     * absolute values, {@code clock:<sensor>} in the meta hash (a journal applied twice writes them again, no harm).
     * A batch of heartbeats only also sets the meta hash's TTL when due, as a batch of packets does.
     */
    private void clocks(IndexBatch batch, Predicate<String> ttlDue, List<RedisWrite> writes, List<String> expired) {
        List<byte[]> fields = new ArrayList<>();
        for (Map.Entry<String, Long> c : batch.clocks().entrySet()) {
            Long old = state.clocks.get(c.getKey());
            if (old == null || c.getValue() > old) {
                state.clocks.put(c.getKey(), c.getValue());
                fields.add(Args.ascii(KeySchema.CLOCK_FIELD_PREFIX + c.getKey()));
                fields.add(Args.number(c.getValue()));
            }
        }
        if (fields.isEmpty()) {
            return;
        }
        String meta = settings.keys().meta(settings.shard());
        chunked(CommandType.HSET, meta, List.of(), fields, writes);
        boolean packets = batch.writes().stream().anyMatch(w -> w.op() == WriteOp.META);
        if (!packets && ttlDue.test(meta)) {
            writes.add(new RedisWrite(CommandType.EXPIRE, meta, List.of(Args.number(settings.ttlSeconds()))));
            expired.add(meta);
        }
    }

    /** @return the change entry of the volume totals held back, when the shard is idle; empty when none are */
    List<RedisWrite> heldVolumes(long nowMillis) {
        List<Event> held = new ArrayList<>();
        for (ChangeEvent e : state.volumes.due(nowMillis, true)) {
            held.add(new Event(ChangeType.VOLUME, e));
        }
        List<RedisWrite> writes = new ArrayList<>();
        changeEntries(held, nowMillis, writes);
        return writes;
    }

    private void changeEntries(List<Event> events, long nowMillis, List<RedisWrite> writes) {
        String key = settings.keys().changes(settings.shard());
        byte[] minId = Args.number(Math.max(0, nowMillis - settings.changeRetention().toMillis()));
        for (int start = 0; start < events.size(); start += EVENTS_PER_ENTRY) {
            List<byte[]> args = new ArrayList<>();
            args.add(Args.ascii("MINID"));
            args.add(Args.ascii("~"));
            args.add(minId);
            args.add(Args.ascii(state.nextChangeId(nowMillis)));
            List<ChangeEvent> entry = events.subList(start, Math.min(events.size(), start + EVENTS_PER_ENTRY))
                    .stream().map(Event::event).toList();
            List<byte[]> blocks = ChangeEntryFormat.encode(entry);
            for (int field = 0; field < blocks.size(); field++) {
                args.add(Args.ascii(Integer.toString(field)));
                args.add(blocks.get(field));
            }
            writes.add(new RedisWrite(CommandType.XADD, key, args));
        }
    }

    private static void chunked(CommandType command, String key, List<byte[]> prefix, List<byte[]> args,
                                List<RedisWrite> out) {
        for (int from = 0; from < args.size(); from += CHUNK) {
            int to = Math.min(args.size(), from + CHUNK);
            List<byte[]> part = new ArrayList<>(prefix.size() + to - from); // most writes are a few arguments
            part.addAll(prefix);
            for (int i = from; i < to; i++) {
                part.add(args.get(i));
            }
            out.add(new RedisWrite(command, key, part));
        }
    }

    private static long window(byte[] encoded) {
        ActiveWindow w = ActiveWindow.decode(encoded);
        return WindowCache.pack(w.firstNano(), w.lastNano());
    }

    private static long parsed(Object reply) {
        return reply == null ? 0 : Long.parseLong(new String((byte[]) reply, StandardCharsets.US_ASCII));
    }

}

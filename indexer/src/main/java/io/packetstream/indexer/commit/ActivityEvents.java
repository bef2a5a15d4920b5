package io.packetstream.indexer.commit;

import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.index.Connection;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.indexer.write.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 1's change events of one batch (docs/architecture.md, "Live subscriptions"): {@code A} when a window
 * update starts a connection's activity, {@code I} at a connection's last packet + 1 s once its sensor's capture
 * clock has passed it and no packet of it came in between (one sensor's clock never closes another's
 * connections). Derived from the windows the owner mirrors
 * ({@link WindowCache}) before and after the batch, so a connection crossing a second boundary, a late batch and a
 * clock jump are each announced once. One instance per batch; windows must be merged in ascending seconds per sensor.
 */
final class ActivityEvents {

    private static final long SECOND = CaptureTime.NANOS_PER_SECOND;
    /** Time order; at equal times I before A; then by sensor and connection, so every owner writes the same order. */
    private static final Comparator<Timed> ORDER = Comparator.comparingLong(Timed::nanos)
            .thenComparing(t -> t.event() instanceof ChangeEvent.ConnectionActive)
            .thenComparing(t -> t.event().sensor())
            .thenComparing(Timed::connection, Arrays::compareUnsigned);

    private record Timed(long nanos, ChangeEvent event, byte[] connection) {
    }

    /** What one (sensor, second) held before the batch, and what the batch brought, per connection. */
    private record Seen(Map<Bytes, Long> before, Map<Bytes, Long> batch) {
    }

    private record Second(String sensor, long epochSecond) {
    }

    private final WindowCache windows;
    private final Map<String, Long> oldClocks;
    private final boolean tracking;
    private final Map<Second, Seen> seen = new HashMap<>();
    private final List<Second> order = new ArrayList<>();
    private final List<Timed> events = new ArrayList<>();

    /**
     * @param oldClocks sensor → its capture clock before the batch, ns (a sensor without one has none yet)
     * @param tracking  whether to derive events at all
     */
    ActivityEvents(WindowCache windows, Map<String, Long> oldClocks, boolean tracking) {
        this.windows = windows;
        this.oldClocks = Map.copyOf(oldClocks);
        this.tracking = tracking;
    }

    /**
     * Merges the batch's windows of one second (or of one partition of it) into what Redis holds and returns the
     * merged values to write.
     *
     * @param batch connection → the batch's window in that second
     * @return connection → merged window, in the batch's order
     */
    Map<Bytes, Long> merge(String sensor, long epochSecond, Map<Bytes, Long> batch) {
        Second second = new Second(sensor, epochSecond);
        Seen now = seen.get(second); // a second's partitions come one after the other
        if (now == null) {
            now = new Seen(new HashMap<>(), new LinkedHashMap<>());
            seen.put(second, now);
            order.add(second);
        }
        now.batch().putAll(batch);
        Seen previous = seen.get(new Second(sensor, epochSecond - 1));
        Map<Bytes, Long> merged = new LinkedHashMap<>();
        for (Map.Entry<Bytes, Long> e : batch.entrySet()) {
            Bytes conn = e.getKey();
            long fresh = e.getValue();
            Long before = windows.get(sensor, epochSecond, conn);
            long value = before == null ? fresh : WindowCache.pack(
                    Math.min(WindowCache.first(before), WindowCache.first(fresh)),
                    Math.max(WindowCache.last(before), WindowCache.last(fresh)));
            windows.put(sensor, epochSecond, conn, value);
            merged.put(conn, value);
            if (before != null) {
                now.before().put(conn, before);
            }
            if (!tracking) {
                continue;
            }
            Long prevBefore;
            Long prevBatch = null;
            if (previous != null && previous.batch().containsKey(conn)) {
                prevBefore = previous.before().get(conn);
                prevBatch = previous.batch().get(conn);
            } else {
                prevBefore = windows.get(sensor, epochSecond - 1, conn);
            }
            int first = WindowCache.first(fresh);
            if (becameActive(sensor, epochSecond, conn, first, before, prevBefore, prevBatch)) {
                long at = epochSecond * SECOND + first;
                add(at, conn, new ChangeEvent.ConnectionActive(sensor, Connection.decode(conn.value()), at));
            }
        }
        return merged;
    }

    /**
     * Whether a window update whose first packet is at (second, first) announces the connection as active. It does
     * when no packet of the connection lies in the second before: none earlier in this second, none in the previous
     * second at or after {@code first} (a packet exactly 1 s before keeps it active). It also does when such a packet
     * exists but its activity was already announced over with an I: the end it had is at or before the clock before
     * the batch, and nothing else was known within the second after it.
     */
    private boolean becameActive(String sensor, long sec, Bytes conn, int first, Long before, Long prevBefore,
                                 Long prevBatch) {
        if (prevBatch != null && WindowCache.last(prevBatch) >= first) {
            return false; // this batch's own packet in the previous second: announced (or found active) there
        }
        long closed;
        if (before != null && WindowCache.first(before) <= first) {
            if (WindowCache.last(before) >= first) {
                return false;
            }
            closed = (sec + 1) * SECOND + WindowCache.last(before);
        } else if (prevBefore != null && WindowCache.last(prevBefore) >= first) {
            if (before != null) {
                return false; // a later packet in this second was already known: its announcements stand
            }
            closed = sec * SECOND + WindowCache.last(prevBefore);
        } else {
            return true;
        }
        long oldClock = oldClock(sensor);
        if (oldClock == Long.MIN_VALUE || closed > oldClock) {
            return false;
        }
        Long next = windows.get(sensor, sec + 1, conn); // not merged yet: seconds come in ascending order
        return next == null || WindowCache.first(next) > first;
    }

    /**
     * Closes what each sensor's clock advance to its new clock ends: every mirrored connection of the sensor whose
     * end (last + 1 s) lies in (old clock, new clock], and every window of the sensor this batch moved to an end at
     * or before its new clock that the scan did not look at (late packets).
     *
     * @param newClocks sensor → its capture clock after the batch, ns
     * @return the batch's A and I events, in time order
     */
    List<ChangeEvent> close(Map<String, Long> newClocks) {
        if (!tracking) {
            return List.of();
        }
        Map<String, Long> scanFrom = new HashMap<>();
        for (Map.Entry<String, Long> c : newClocks.entrySet()) {
            String sensor = c.getKey();
            long oldClock = oldClock(sensor);
            long newClock = c.getValue();
            if (oldClock == Long.MIN_VALUE || newClock <= oldClock) {
                continue;
            }
            long from = Math.floorDiv(oldClock, SECOND) - 1;
            scanFrom.put(sensor, from);
            for (var second : windows.mirrored(sensor, from, Math.floorDiv(newClock, SECOND) - 1).entrySet()) {
                long sec = second.getKey();
                for (var w : second.getValue().entrySet()) {
                    long end = (sec + 1) * SECOND + WindowCache.last(w.getValue());
                    if (end > oldClock && end <= newClock) {
                        closeIfQuiet(sensor, sec, w.getKey(), WindowCache.last(w.getValue()));
                    }
                }
            }
        }
        for (Second second : order) {
            Seen s = seen.get(second);
            long sec = second.epochSecond();
            long newClock = newClocks.getOrDefault(second.sensor(), Long.MIN_VALUE);
            Long from = scanFrom.get(second.sensor());
            for (Map.Entry<Bytes, Long> e : s.batch().entrySet()) {
                int last = WindowCache.last(e.getValue());
                Long before = s.before().get(e.getKey());
                long end = (sec + 1) * SECOND + last;
                if ((before == null || last > WindowCache.last(before)) && end <= newClock) {
                    boolean scanned = from != null && sec >= from && end > oldClock(second.sensor());
                    if (!scanned) {
                        closeIfQuiet(second.sensor(), sec, e.getKey(), last);
                    }
                }
            }
        }
        events.sort(ORDER);
        return events.stream().map(Timed::event).toList();
    }

    private long oldClock(String sensor) {
        return oldClocks.getOrDefault(sensor, Long.MIN_VALUE);
    }

    /** I at last + 1 s unless the next second holds a packet of the connection at or before that time. */
    private void closeIfQuiet(String sensor, long sec, Bytes conn, int last) {
        Long after = windows.get(sensor, sec + 1, conn);
        if (after == null || WindowCache.first(after) > last) {
            long at = (sec + 1) * SECOND + last;
            add(at, conn, new ChangeEvent.ConnectionInactive(sensor, Connection.decode(conn.value()), at));
        }
    }

    private void add(long nanos, Bytes connection, ChangeEvent event) {
        events.add(new Timed(nanos, event, connection.value()));
    }
}

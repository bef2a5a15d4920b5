package io.packetstream.indexer.commit;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Question 2's change events, coalesced: a host pair's minute gets at most one {@code V} event per
 * {@link #INTERVAL_MILLIS} of wall time, carrying its newest totals (they are absolute, so an update skipped loses
 * nothing); totals held back go out with a later batch, or with {@link #due} when the shard falls idle. Without this,
 * every batch announced every active pair again: three fifths of all change events, for a chart that redraws a few
 * times a second at most. One per shard writer.
 */
final class VolumeEvents {

    /** The least wall time between two events of one host pair's minute. */
    static final long INTERVAL_MILLIS = 1000;

    private record Minute(String sensor, IpAddress low, IpAddress high, long epochMinute) {
    }

    /** When a minute's last event went out, and the totals held back since, if any. */
    private static final class Sent {
        long atMillis;
        long[] held;
    }

    /**
     * Ordered by the time of each minute's last event, oldest first (an event moves its minute to the end), so
     * {@link #due} stops at the first minute whose last event is recent instead of walking every active host pair
     * after every batch: with small live batches that walk was the largest part of a commit's planning. A wall clock
     * stepped back only delays held totals, by the step at most.
     */
    private final LinkedHashMap<Minute, Sent> sent = new LinkedHashMap<>();
    private int holding;

    /**
     * @return the event to write now for these new totals, or null when it is held back (to go out later)
     */
    ChangeEvent.VolumeTotals update(String sensor, IpAddress low, IpAddress high, long epochMinute, long packets,
                                    long bytes, long nowMillis) {
        Minute minute = new Minute(sensor, low, high, epochMinute);
        Sent s = sent.get(minute);
        if (s != null && nowMillis - s.atMillis < INTERVAL_MILLIS) {
            if (s.held == null) {
                holding++;
            }
            s.held = new long[]{packets, bytes};
            return null;
        }
        if (s == null) {
            s = new Sent();
        } else {
            sent.remove(minute);
            release(s);
        }
        s.atMillis = nowMillis;
        sent.put(minute, s);
        return new ChangeEvent.VolumeTotals(sensor, low, high, epochMinute, packets, bytes);
    }

    /**
     * @param all also the totals held back less than an interval ago (the shard is idle: nothing later will carry them)
     * @return the events held back long enough to go out now, and forgets minutes long quiet
     */
    List<ChangeEvent> due(long nowMillis, boolean all) {
        List<ChangeEvent> out = new ArrayList<>();
        List<Map.Entry<Minute, Sent>> sentNow = new ArrayList<>();
        for (Iterator<Map.Entry<Minute, Sent>> it = sent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Minute, Sent> e = it.next();
            Sent s = e.getValue();
            boolean quiet = nowMillis - s.atMillis >= INTERVAL_MILLIS;
            if (!quiet && !all) {
                break; // every later minute's last event is as recent or more
            }
            if (s.held != null) {
                Minute m = e.getKey();
                out.add(new ChangeEvent.VolumeTotals(m.sensor(), m.low(), m.high(), m.epochMinute(), s.held[0],
                        s.held[1]));
                release(s);
                s.atMillis = nowMillis;
                it.remove();
                sentNow.add(e);
            } else if (quiet) {
                it.remove(); // nothing held, and the next update may go out at once anyway
            }
        }
        for (Map.Entry<Minute, Sent> e : sentNow) {
            sent.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private void release(Sent s) {
        if (s.held != null) {
            s.held = null;
            holding--;
        }
    }

    /** @return true when totals are held back */
    boolean holding() {
        return holding > 0;
    }
}

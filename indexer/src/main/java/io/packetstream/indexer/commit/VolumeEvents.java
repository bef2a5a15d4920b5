package io.packetstream.indexer.commit;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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

    private final Map<Minute, Sent> sent = new HashMap<>();

    /**
     * @return the event to write now for these new totals, or null when it is held back (to go out later)
     */
    ChangeEvent.VolumeTotals update(String sensor, IpAddress low, IpAddress high, long epochMinute, long packets,
                                    long bytes, long nowMillis) {
        Sent s = sent.computeIfAbsent(new Minute(sensor, low, high, epochMinute), m -> new Sent());
        if (s.atMillis != 0 && nowMillis - s.atMillis < INTERVAL_MILLIS) {
            s.held = new long[]{packets, bytes};
            return null;
        }
        s.atMillis = nowMillis;
        s.held = null;
        return new ChangeEvent.VolumeTotals(sensor, low, high, epochMinute, packets, bytes);
    }

    /**
     * @param all also the totals held back less than an interval ago (the shard is idle: nothing later will carry them)
     * @return the events held back long enough to go out now, and forgets minutes long quiet
     */
    List<ChangeEvent> due(long nowMillis, boolean all) {
        List<ChangeEvent> out = new ArrayList<>();
        for (Iterator<Map.Entry<Minute, Sent>> it = sent.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Minute, Sent> e = it.next();
            Sent s = e.getValue();
            if (s.held != null && (all || nowMillis - s.atMillis >= INTERVAL_MILLIS)) {
                Minute m = e.getKey();
                out.add(new ChangeEvent.VolumeTotals(m.sensor(), m.low(), m.high(), m.epochMinute(), s.held[0],
                        s.held[1]));
                s.atMillis = nowMillis;
                s.held = null;
            } else if (s.held == null && nowMillis - s.atMillis >= INTERVAL_MILLIS) {
                it.remove(); // nothing held, and the next update may go out at once anyway
            }
        }
        return out;
    }

    /** @return true when totals are held back */
    boolean holding() {
        for (Sent s : sent.values()) {
            if (s.held != null) {
                return true;
            }
        }
        return false;
    }
}

package io.packetstream.indexer.commit;

import io.packetstream.core.time.CaptureTime;
import io.packetstream.indexer.write.Bytes;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Question 1's windows (first and last nanosecond of a connection within one second, packed in a long) as Redis
 * holds them. Per sensor, seconds from the sensor's floor on are mirrored whole: loaded when the shard was taken
 * over ({@link #start}), then kept up to date by this owner's own writes (nobody else writes the shard); later
 * seconds start empty, since nothing after a sensor's capture clock can be in Redis. A sensor never started has
 * nothing in Redis: all its seconds are mirrored. Older seconds, touched only by late packets, are read field by
 * field for the batch at hand ({@link #prefetched}) and forgotten after it.
 */
final class WindowCache {

    /** @return a window as one long: first in the high half, last in the low half */
    static long pack(int first, int last) {
        return ((long) first << 32) | (last & 0xFFFF_FFFFL);
    }

    static int first(long window) {
        return (int) (window >>> 32);
    }

    static int last(long window) {
        return (int) window;
    }

    private record Second(String sensor, long epochSecond) {
    }

    /** One sensor's mirrored seconds: epoch second → connection → window, for seconds at or after the floor. */
    private static final class Mirror {
        final TreeMap<Long, Map<Bytes, Long>> seconds = new TreeMap<>();
        long floor;

        Mirror(long floor) {
            this.floor = floor;
        }
    }

    private final Map<String, Mirror> mirrors = new HashMap<>();
    private final Map<Second, Map<Bytes, Long>> prefetched = new HashMap<>();

    /**
     * Declares the first second of a sensor mirrored whole; call it at takeover, before loading that sensor's
     * seconds from the floor on.
     */
    void start(String sensor, long floor) {
        mirrors.put(sensor, new Mirror(floor));
    }

    /** @return true when the sensor's second is mirrored whole, false when its fields must be prefetched */
    boolean mirrors(String sensor, long epochSecond) {
        Mirror m = mirrors.get(sensor);
        return m == null || epochSecond >= m.floor;
    }

    /** @return the window Redis holds, null when it holds none */
    Long get(String sensor, long epochSecond, Bytes connection) {
        Map<Bytes, Long> windows = windows(sensor, epochSecond, false);
        if (windows == null && !mirrors(sensor, epochSecond)) {
            throw new IllegalStateException("second " + epochSecond + " of " + sensor + " was not prefetched");
        }
        return windows == null ? null : windows.get(connection);
    }

    /** Records a window this owner writes. */
    void put(String sensor, long epochSecond, Bytes connection, long window) {
        windows(sensor, epochSecond, true).put(connection, window);
    }

    /** Records what Redis answered for one connection of a second older than the floor (null: no window). */
    void prefetched(String sensor, long epochSecond, Bytes connection, Long window) {
        Map<Bytes, Long> windows = prefetched.computeIfAbsent(new Second(sensor, epochSecond), k -> new HashMap<>());
        if (window != null) {
            windows.put(connection, window);
        }
    }

    /** @return the sensor's mirrored seconds from {@code from} to {@code to}, both included: second → windows */
    NavigableMap<Long, Map<Bytes, Long>> mirrored(String sensor, long from, long to) {
        Mirror m = mirrors.get(sensor);
        return m == null || from > to ? new TreeMap<>() : m.seconds.subMap(from, true, to, true);
    }

    /**
     * Forgets what a batch prefetched, and per sensor the seconds its capture clock has left behind for good.
     *
     * @param clocks sensor → capture clock, ns
     */
    void endBatch(Map<String, Long> clocks) {
        prefetched.clear();
        for (Map.Entry<String, Long> c : clocks.entrySet()) {
            // a connection whose last packet lies before the second before the clock's has been closed
            long keep = Math.floorDiv(c.getValue(), CaptureTime.NANOS_PER_SECOND) - 1;
            Mirror m = mirrors.computeIfAbsent(c.getKey(), s -> new Mirror(Long.MIN_VALUE));
            if (keep > m.floor) {
                m.seconds.headMap(keep, false).clear();
                m.floor = keep;
            }
        }
    }

    private Map<Bytes, Long> windows(String sensor, long epochSecond, boolean create) {
        if (!mirrors(sensor, epochSecond)) {
            Second s = new Second(sensor, epochSecond);
            return create ? prefetched.computeIfAbsent(s, k -> new HashMap<>()) : prefetched.get(s);
        }
        Mirror m = mirrors.get(sensor);
        if (m == null) {
            if (!create) {
                return null;
            }
            m = new Mirror(Long.MIN_VALUE);
            mirrors.put(sensor, m);
        }
        Map<Bytes, Long> windows = m.seconds.get(epochSecond);
        if (windows == null && create) {
            windows = new HashMap<>();
            m.seconds.put(epochSecond, windows);
        }
        return windows;
    }
}

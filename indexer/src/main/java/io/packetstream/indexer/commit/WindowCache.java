package io.packetstream.indexer.commit;

import io.packetstream.indexer.write.Bytes;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Question 1's windows (first and last nanosecond of a connection within one second, packed in a long) as Redis
 * holds them. Seconds from {@link #floor()} on are mirrored whole: loaded when the shard was taken over, then kept
 * up to date by this owner's own writes (nobody else writes the shard); later seconds start empty, since nothing
 * after the shard's clock can be in Redis. Older seconds, touched only by late packets, are read field by field for
 * the batch at hand ({@link #prefetched}) and forgotten after it.
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

    /** epoch second → sensor → connection → window, for seconds at or after the floor */
    private final TreeMap<Long, Map<String, Map<Bytes, Long>>> mirrored = new TreeMap<>();
    private final Map<Second, Map<Bytes, Long>> prefetched = new HashMap<>();
    private long floor;

    /** @param floor the first second mirrored whole ({@link Long#MIN_VALUE}: every second, for an empty shard) */
    WindowCache(long floor) {
        this.floor = floor;
    }

    long floor() {
        return floor;
    }

    /** @return true when the second is mirrored whole, false when its fields must be prefetched */
    boolean mirrors(long epochSecond) {
        return epochSecond >= floor;
    }

    /** @return the window Redis holds, null when it holds none */
    Long get(String sensor, long epochSecond, Bytes connection) {
        Map<Bytes, Long> windows = windows(sensor, epochSecond, false);
        if (windows == null && !mirrors(epochSecond)) {
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

    /** @return mirrored seconds from {@code from} to {@code to}, both included: second → sensor → windows */
    NavigableMap<Long, Map<String, Map<Bytes, Long>>> mirrored(long from, long to) {
        return from > to ? new TreeMap<>() : mirrored.subMap(from, true, to, true);
    }

    /** Forgets what a batch prefetched, and the seconds the clock (epoch second) has left behind for good. */
    void endBatch(long clockSecond) {
        prefetched.clear();
        long keep = clockSecond - 1; // a connection whose last packet lies before this second has been closed
        if (keep > floor) {
            mirrored.headMap(keep, false).clear();
            floor = keep;
        }
    }

    private Map<Bytes, Long> windows(String sensor, long epochSecond, boolean create) {
        if (!mirrors(epochSecond)) {
            Second s = new Second(sensor, epochSecond);
            return create ? prefetched.computeIfAbsent(s, k -> new HashMap<>()) : prefetched.get(s);
        }
        Map<String, Map<Bytes, Long>> bySensor = mirrored.get(epochSecond);
        if (bySensor == null) {
            if (!create) {
                return null;
            }
            bySensor = new HashMap<>();
            mirrored.put(epochSecond, bySensor);
        }
        return create ? bySensor.computeIfAbsent(sensor, k -> new HashMap<>()) : bySensor.get(sensor);
    }
}

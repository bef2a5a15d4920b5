package io.packetstream.query.read;

import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.time.CaptureTime;

import java.util.OptionalLong;

/**
 * Question 1's rule (docs/architecture.md): for {@code t}, with {@code A = floor(t − 1 s)} and {@code B = A + 1}
 * seconds, a connection is active iff {@code A.last > frac(t)} or {@code B.first ≤ frac(t)}. Its {@code lastSeen}
 * is the latest known packet time {@code ≤ t}: {@code B.last} when that is {@code ≤ t}, else {@code B.first}
 * (a lower bound) when that is, else {@code A.last}.
 *
 * <p>Both windows are what all sensors and shards saw, merged with {@link ActiveWindow#merge}; either may be
 * {@code null} when the connection sent nothing in that second.
 */
final class ActiveWindows {

    private ActiveWindows() {
    }

    /** @return the epoch second {@code A} read for {@code t}; {@code B} is the next one */
    static long secondA(long t) {
        return CaptureTime.epochSecond(t) - 1;
    }

    /**
     * @param t the asked time, ns since the epoch
     * @param a the connection's window in second A, or {@code null}
     * @param b the connection's window in second B, or {@code null}
     * @return lastSeen when the connection had a packet in {@code (t − 1 s, t]}, else empty
     */
    static OptionalLong lastSeen(long t, ActiveWindow a, ActiveWindow b) {
        return lastSeen(t, a == null ? 0 : a.firstNano(), a == null ? -1 : a.lastNano(),
                b == null ? 0 : b.firstNano(), b == null ? -1 : b.lastNano());
    }

    /**
     * The same for windows given as nanoseconds of their seconds, without objects: a second without packets has
     * {@code last < 0}.
     */
    static OptionalLong lastSeen(long t, int aFirst, int aLast, int bFirst, int bLast) {
        int frac = CaptureTime.nanoOfSecond(t);
        long startB = CaptureTime.epochSecond(t) * CaptureTime.NANOS_PER_SECOND;
        long startA = startB - CaptureTime.NANOS_PER_SECOND;
        if (bLast >= 0 && bLast <= frac) {
            return OptionalLong.of(startB + bLast);
        }
        if (bLast >= 0 && bFirst <= frac) {
            return OptionalLong.of(startB + bFirst);
        }
        if (aLast >= 0 && aLast > frac) {
            return OptionalLong.of(startA + aLast);
        }
        return OptionalLong.empty();
    }
}

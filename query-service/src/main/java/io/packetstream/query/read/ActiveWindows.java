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
        int frac = CaptureTime.nanoOfSecond(t);
        long startB = CaptureTime.epochSecond(t) * CaptureTime.NANOS_PER_SECOND;
        long startA = startB - CaptureTime.NANOS_PER_SECOND;
        if (b != null && b.lastNano() <= frac) {
            return OptionalLong.of(startB + b.lastNano());
        }
        if (b != null && b.firstNano() <= frac) {
            return OptionalLong.of(startB + b.firstNano());
        }
        if (a != null && a.lastNano() > frac) {
            return OptionalLong.of(startA + a.lastNano());
        }
        return OptionalLong.empty();
    }

    /** Both seconds' windows of one connection, merged over sensors and shards. */
    static final class Pair {
        ActiveWindow a;
        ActiveWindow b;

        void add(boolean secondB, ActiveWindow w) {
            if (secondB) {
                b = b == null ? w : b.merge(w);
            } else {
                a = a == null ? w : a.merge(w);
            }
        }
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;

import java.util.Objects;

/**
 * Which change events a {@link KeyWrite} announces when it is committed (docs/architecture.md, "Live
 * subscriptions"). The shard writer derives the events from what Redis holds; the tag tells it what the key means.
 */
public sealed interface ChangeTag {

    /** Announces nothing (bookkeeping, hour buckets, question 5's entry ranges). */
    None NONE = new None();

    /** Announces nothing. */
    record None() implements ChangeTag {
    }

    /** Question 1's windows of one sensor and epoch second: {@code A} and {@code I} events. */
    record Windows(String sensor, long epochSecond) implements ChangeTag {
        public Windows {
            KeySchema.checkName(sensor, "sensor");
        }
    }

    /** Question 2's per-minute totals of one host pair and UTC day: one {@code V} event per minute written. */
    record Totals(String sensor, IpAddress low, IpAddress high, long epochDay) implements ChangeTag {
        public Totals {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("hosts out of order: " + low + " > " + high);
            }
        }
    }

    /**
     * A minute bucket of questions 3, 4 or 6: a {@code P}, {@code S} or {@code O} event per member the bucket did not
     * hold yet.
     *
     * @param letter {@link #PEER}, {@link #SERVICE} or {@link #OUTSIDE}
     */
    record NewMembers(char letter, String sensor, long epochMinute) implements ChangeTag {
        public static final char PEER = 'P';
        public static final char SERVICE = 'S';
        public static final char OUTSIDE = 'O';

        public NewMembers {
            if (letter != PEER && letter != SERVICE && letter != OUTSIDE) {
                throw new IllegalArgumentException("letter must be P, S or O, was " + letter);
            }
            KeySchema.checkName(sensor, "sensor");
        }
    }
}

package io.packetstream.agent.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Which capture times are believable. A packet outside is counted as malformed ({@value #REASON}) and never
 * published: one record stamped 2106 would otherwise move its shard's capture clock there, and question 1
 * without {@code at} would answer for 2106.
 *
 * <p>The rule: not before {@link #EARLIEST} (1990, before any capture this product can meet; epoch 0 is what a
 * broken clock or header gives) and not more than {@link #AHEAD} after the wall clock (clocks of sensors drift,
 * a day is far beyond any drift). A live capture stamps packets as they arrive, so it is also held to at most
 * {@link #LIVE_BEHIND} before the wall clock; a file may be old.
 *
 * <p>The wall clock is read by {@link #refresh()} (once per run of packets), not per packet.
 */
public final class PlausibleTime {

    /** The malformed reason tag of a packet whose time fails the rule. */
    public static final String REASON = "bad_time";
    public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    public static final Duration AHEAD = Duration.ofDays(1);
    public static final Duration LIVE_BEHIND = Duration.ofDays(1);

    private static final long EARLIEST_NANOS = EARLIEST.getEpochSecond() * 1_000_000_000L;

    private final LongSupplier wallClockNanos;
    private final boolean live;
    private long lowest;
    private long highest;

    private PlausibleTime(LongSupplier wallClockNanos, boolean live) {
        this.wallClockNanos = Objects.requireNonNull(wallClockNanos, "wallClockNanos");
        this.live = live;
        refresh();
    }

    /** @param wallClockNanos the wall clock in epoch nanoseconds; never {@code null} */
    public static PlausibleTime forFiles(LongSupplier wallClockNanos) {
        return new PlausibleTime(wallClockNanos, false);
    }

    /** @param wallClockNanos the wall clock in epoch nanoseconds; never {@code null} */
    public static PlausibleTime forLive(LongSupplier wallClockNanos) {
        return new PlausibleTime(wallClockNanos, true);
    }

    /** @return the system clock in epoch nanoseconds (millisecond precision is plenty for a day's margin) */
    public static long systemNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Reads the wall clock again. */
    public void refresh() {
        long now = wallClockNanos.getAsLong();
        highest = now + AHEAD.toNanos();
        lowest = live ? Math.max(EARLIEST_NANOS, now - LIVE_BEHIND.toNanos()) : EARLIEST_NANOS;
    }

    /** @return true when a packet stamped {@code timestampNanos} (epoch) may be published */
    public boolean accepts(long timestampNanos) {
        return timestampNanos >= lowest && timestampNanos <= highest;
    }

    /** @return the rule in words, for a warning */
    public String describe() {
        return "not before " + EARLIEST + (live ? " nor more than a day before now" : "")
                + " and not more than a day after now";
    }
}

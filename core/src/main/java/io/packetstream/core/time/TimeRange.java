package io.packetstream.core.time;

/**
 * An inclusive range of capture times in nanoseconds since the epoch: {@code from ≤ t ≤ to}.
 */
public record TimeRange(long from, long to) {

    /** Every time there is. */
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (from > to) {
            throw new IllegalArgumentException("from (" + CaptureTime.format(from) + ") is after to ("
                    + CaptureTime.format(to) + ")");
        }
    }

    public boolean contains(long nanos) {
        return from <= nanos && nanos <= to;
    }

    public boolean isBounded() {
        return from != Long.MIN_VALUE || to != Long.MAX_VALUE;
    }

    /** @return this range narrowed to {@code [from, to]}; empty when they do not overlap */
    public java.util.Optional<TimeRange> intersect(long otherFrom, long otherTo) {
        long f = Math.max(from, otherFrom);
        long t = Math.min(to, otherTo);
        return f <= t ? java.util.Optional.of(new TimeRange(f, t)) : java.util.Optional.empty();
    }

    /** @return the first UTC minute (epoch minutes) that overlaps the range */
    public long firstMinute() {
        return CaptureTime.epochMinute(from);
    }

    /** @return the last UTC minute (epoch minutes) that overlaps the range */
    public long lastMinute() {
        return CaptureTime.epochMinute(to);
    }
}

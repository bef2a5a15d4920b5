package io.packetstream.query.read;

import java.util.Objects;

/**
 * A Redis stream entry id {@code ms-seq}, both parts unsigned 64-bit, ordered as Redis orders them.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    /** {@code 0-0}, before every entry. */
    public static final StreamId MIN = new StreamId(0, 0);

    /** @throws IllegalArgumentException for text that is no entry id */
    public static StreamId parse(String text) {
        Objects.requireNonNull(text, "text");
        int dash = text.indexOf('-');
        try {
            if (dash < 0) {
                return new StreamId(Long.parseUnsignedLong(text), 0);
            }
            return new StreamId(Long.parseUnsignedLong(text.substring(0, dash)),
                    Long.parseUnsignedLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a stream entry id", e);
        }
    }

    /** @return the smallest id greater than this one */
    public StreamId next() {
        return seq == -1L ? new StreamId(ms + 1, 0) : new StreamId(ms, seq + 1);
    }

    public static StreamId min(StreamId a, StreamId b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId other) {
        int c = Long.compareUnsigned(ms, other.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, other.seq);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}

package io.packetstream.core.redis;

import java.util.List;
import java.util.Objects;

/**
 * A Redis stream entry id {@code ms-seq}, both parts unsigned 64-bit, ordered as Redis orders them. The one stream id
 * of the code base: the agent, the indexers and the query service all compare and step ids through it.
 *
 * @param ms  the millisecond part
 * @param seq the sequence part
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    /** {@code 0-0}, before every entry; what Redis reports for a stream or group that has seen none. */
    public static final StreamId MIN = new StreamId(0, 0);

    /**
     * Parses {@code ms-seq}, or {@code ms} alone, which Redis reads as {@code ms-0} where an id starts a range.
     *
     * @throws IllegalArgumentException for text that is no entry id
     */
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

    /**
     * @param xinfoStream the reply of {@code XINFO STREAM key}, as {@link RawReply} or Lettuce's list output gives it
     * @return the id of the newest entry ever added, {@link #MIN} when the stream has had none
     */
    public static StreamId lastGenerated(List<?> xinfoStream) {
        return RawReply.field(xinfoStream, "last-generated-id").map(RawReply::text).map(StreamId::parse).orElse(MIN);
    }

    /** @return the smallest id greater than this one */
    public StreamId next() {
        return seq == -1L ? new StreamId(ms + 1, 0) : new StreamId(ms, seq + 1);
    }

    /** @return true when this id comes after {@code other} */
    public boolean isAfter(StreamId other) {
        return compareTo(other) > 0;
    }

    public static StreamId min(StreamId a, StreamId b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId other) {
        int c = Long.compareUnsigned(ms, other.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, other.seq);
    }

    /** @return the id as Redis writes it, {@code ms-seq} */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}

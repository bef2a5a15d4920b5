package io.packetstream.query.read;

import io.lettuce.core.output.CommandOutput;
import io.packetstream.core.redis.RedisConnections;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The bulk strings of one Redis reply (set members, or a hash's fields and values in turn), copied into one
 * growing array as Lettuce reads them. A reply of tens of thousands of members thereby costs two arrays instead of
 * one per member, and reaches the reader as one signal. A scan reply's cursor is kept apart from its strings.
 * Not thread-safe: filled by one Lettuce output, then read by one gathering.
 */
final class ReplyStrings {

    private byte[] bytes = new byte[1024];
    private int[] ends = new int[64];
    private int count;
    private String cursor = "0";

    /** @return the strings in one holder, for readers that get them as arrays */
    static ReplyStrings of(List<byte[]> strings) {
        ReplyStrings out = new ReplyStrings();
        for (byte[] s : strings) {
            out.add(ByteBuffer.wrap(s));
        }
        return out;
    }

    /** @return how many strings the reply held */
    int count() {
        return count;
    }

    /** @return the array holding every string; string {@code i} is at {@link #offset}, {@link #length} long */
    byte[] bytes() {
        return bytes;
    }

    int offset(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int length(int i) {
        return ends[i] - offset(i);
    }

    /** @return string {@code i} in an array of its own, for decoders that take whole arrays */
    byte[] copy(int i) {
        return Arrays.copyOfRange(bytes, offset(i), ends[i]);
    }

    /** @return the cursor of a scan reply ({@code 0} when the scan is complete, and for other replies) */
    String cursor() {
        return cursor;
    }

    /** Makes room for {@code strings} more strings of about {@code bytesEach}, so a big reply grows its arrays once. */
    private void expect(int strings, int bytesEach) {
        int size = count == 0 ? 0 : ends[count - 1];
        if (count + strings > ends.length) {
            ends = Arrays.copyOf(ends, count + strings);
        }
        if (size + strings * bytesEach > bytes.length) {
            bytes = Arrays.copyOf(bytes, size + strings * bytesEach);
        }
    }

    private void add(ByteBuffer text) {
        int size = count == 0 ? 0 : ends[count - 1];
        int length = text == null ? 0 : text.remaining();
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        if (text != null) {
            text.get(bytes, size, length);
        }
        ends[count++] = size + length;
    }

    /**
     * Collects a reply's strings into one {@link ReplyStrings}; for {@code SSCAN}/{@code HSCAN} replies
     * ({@code [cursor, [strings…]]}) the first string is the cursor. Not a Lettuce streaming output, and not a
     * collection: the reactive API hands the whole reply out as one element.
     */
    static final class Output extends CommandOutput<String, byte[], ReplyStrings> {

        private final boolean scan;
        private boolean cursorRead;

        Output(boolean scan) {
            super(RedisConnections.CODEC, new ReplyStrings());
            this.scan = scan;
        }

        @Override
        public void multi(int count) {
            // members of questions 3, 4 and 6 are 7 to 35 bytes, mostly IPv4 (10 to 13); q1 fields ~15, values 8
            output.expect(count, 12);
        }

        @Override
        public void set(ByteBuffer bytes) {
            if (scan && !cursorRead) {
                cursorRead = true;
                output.cursor = bytes == null ? "0" : StandardCharsets.US_ASCII.decode(bytes).toString();
                return;
            }
            output.add(bytes);
        }
    }
}

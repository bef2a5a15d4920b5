package io.packetstream.core.redis;

import io.lettuce.core.output.CommandOutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A reply as plain nested lists, whatever the protocol: bulk strings as {@code byte[]}, simple strings as
 * {@code String}, integers as {@code Long}, nil (RESP2 null array or bulk, RESP3 null) as {@code null}, RESP3 maps
 * flattened to key, value lists. Lettuce's typed stream outputs trip over nil entry bodies and over the reply shapes
 * that differ between Redis 6.2 and 7 (XAUTOCLAIM's third element); this one keeps what Redis sent.
 */
public final class RawReply extends CommandOutput<String, byte[], Object> {

    private final Deque<Level> open = new ArrayDeque<>();

    public RawReply() {
        super(RedisConnections.CODEC, null);
    }

    private record Level(List<Object> items, int expected) {
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (bytes == null) {
            append(null);
            return;
        }
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        append(b);
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        if (bytes == null) {
            append(null);
            return;
        }
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        append(new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public void set(long integer) {
        append(integer);
    }

    @Override
    public void set(double number) {
        append(number);
    }

    @Override
    public void set(boolean value) {
        append(value);
    }

    @Override
    public void multi(int count) {
        if (count < 0) {
            append(null);
            return;
        }
        List<Object> list = new ArrayList<>(count);
        append(list);
        if (count > 0) {
            open.push(new Level(list, count));
        }
    }

    private void append(Object value) {
        if (open.isEmpty()) {
            output = value;
            return;
        }
        open.peek().items().add(value);
        // a level that just got its last element is complete; a list appended as that element is pushed
        // afterwards by multi() and still fills up through its own reference
        while (!open.isEmpty() && open.peek().items().size() == open.peek().expected()) {
            open.pop();
        }
    }

    /** @return a reply element as text: bulk strings arrive as {@code byte[]} (UTF-8), everything else as itself */
    public static String text(Object element) {
        return element instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(element);
    }

    /**
     * @param flat a field, value list (a RESP2 reply of pairs, or a RESP3 map as this output flattens it)
     * @return the value of field {@code name}, empty when the field is absent or nil
     */
    public static Optional<Object> field(List<?> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (name.equals(text(flat.get(i)))) {
                return Optional.ofNullable(flat.get(i + 1));
            }
        }
        return Optional.empty();
    }
}

package io.packetstream.query.live;

import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.core.redis.StreamId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a shard's change stream still holds and what it has lost, from {@code XINFO STREAM}: whether a subscriber
 * resuming from a position would miss events. The indexers trim change streams from the front only
 * ({@code XADD MINID}), so what is gone is what comes before the oldest entry held, plus anything deleted
 * ({@code XDEL}) up to {@code max-deleted-entry-id}.
 *
 * @param first      the oldest entry held, none when the stream is empty or missing
 * @param maxDeleted the newest entry ever deleted by {@code XDEL}; none when none was
 * @param removed    how many entries were added but are no longer held ({@code entries-added} − {@code length},
 *                   Redis 7+; 0 when Redis does not say)
 */
record ChangeRetention(Optional<StreamId> first, Optional<StreamId> maxDeleted, long removed) {

    static final ChangeRetention NO_STREAM = new ChangeRetention(Optional.empty(), Optional.empty(), 0);

    ChangeRetention {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(maxDeleted, "maxDeleted");
    }

    /**
     * @return true when events after {@code start} may be gone. The start's entry still held (or a newer one
     *         missing nothing before it): nothing is lost but what {@code XDEL} removed at or after it. Otherwise, a
     *         start at an entry the client was sent events of ({@code .n} above 0) lost that entry's rest; a start
     *         before any entry ({@code 0-0.0}, the id of an answer sent before any change) lost whatever was
     *         removed (Redis 7+ says how much).
     */
    boolean lost(Position start) {
        if (maxDeleted.filter(d -> d.compareTo(start.entry()) >= 0).isPresent()) {
            return true;
        }
        boolean held = first.filter(f -> f.compareTo(start.entry()) <= 0).isPresent();
        return !held && (start.done() > 0 || removed > 0);
    }

    /** @param reply the reply of {@code XINFO STREAM}: field names and values in turn */
    static ChangeRetention parse(List<?> reply) {
        Optional<StreamId> first = Optional.empty();
        Optional<StreamId> maxDeleted = Optional.empty();
        long length = 0;
        long added = -1;
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            String name = text(reply.get(i));
            Object value = reply.get(i + 1);
            switch (name) {
                case "first-entry" -> first = value instanceof List<?> entry && !entry.isEmpty()
                        ? Optional.of(StreamId.parse(text(entry.get(0)))) : Optional.empty();
                case "max-deleted-entry-id" -> maxDeleted = Optional.of(StreamId.parse(text(value)))
                        .filter(id -> !id.equals(StreamId.MIN));
                case "length" -> length = number(value);
                case "entries-added" -> added = number(value);
                default -> {
                }
            }
        }
        return new ChangeRetention(first, maxDeleted, added < 0 ? 0 : Math.max(0, added - length));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(text(value));
    }

    private static String text(Object element) {
        return element instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(element);
    }
}

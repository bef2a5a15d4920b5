package io.packetstream.query.live;


import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a subscriber stands in every shard's change stream: the text of an event id (docs/architecture.md, "Event
 * ids"), {@code <entryId>.<n>} per shard in shard order, comma-separated (question 5 may add {@code .<k>}: k
 * matching packets of the next event sent), where {@code n} events of that entry are
 * already delivered or skipped and every earlier entry is done.
 *
 * @param positions one per shard, shard 0 first
 */
public record ChangeCursor(List<Position> positions) {


    private static final Pattern POSITION = Pattern.compile("\\d{1,20}-\\d{1,20}\\.\\d{1,9}(\\.\\d{1,9})?");

    /**
     * One shard's position.
     *
     * @param entry   the change-stream entry, {@link StreamId#MIN} before the first
     * @param done    how many of its events are delivered or skipped
     * @param packets question 5: how many matching packets of the next event (an indexed packet entry) are
     *                delivered, so a resume in the middle of an entry with several matches repeats none of them
     */
    public record Position(StreamId entry, int done, int packets) implements Comparable<Position> {
        public static final Position START = new Position(StreamId.MIN, 0);

        public Position {
            Objects.requireNonNull(entry, "entry");
            if (done < 0 || packets < 0) {
                throw new IllegalArgumentException("done and packets must not be negative, were " + done + " and "
                        + packets);
            }
        }

        /** A position between events: {@code done} events of the entry, no packet of the next one. */
        public Position(StreamId entry, int done) {
            this(entry, done, 0);
        }

        @Override
        public int compareTo(Position other) {
            int c = entry.compareTo(other.entry);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(done, other.done);
            return c != 0 ? c : Integer.compare(packets, other.packets);
        }

        @Override
        public String toString() {
            return entry + "." + done + (packets == 0 ? "" : "." + packets);
        }
    }

    public ChangeCursor {
        positions = List.copyOf(positions);
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a cursor names at least one shard");
        }
    }

    /**
     * @param text an event id as this service sends it
     * @return the cursor
     * @throws IllegalArgumentException saying what is wrong when the text is no event id
     */
    public static ChangeCursor parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split(",", -1);
        if (parts.length > KeySchema.MAX_SHARDS) { // refused before it is parsed
            throw new IllegalArgumentException("'" + abbreviate(text) + "' names more than " + KeySchema.MAX_SHARDS + " shards");
        }
        List<Position> positions = new ArrayList<>(parts.length);
        for (String part : parts) {
            String p = part.trim();
            if (!POSITION.matcher(p).matches()) {
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not an event id of this service "
                        + "(<entryId>.<n>[.<packets>] per shard, comma-separated, e.g. 1795253892000-0.3)");
            }
            String[] fields = p.split("\\.");
            try {
                positions.add(new Position(StreamId.parse(fields[0]), Integer.parseInt(fields[1]),
                        fields.length == 3 ? Integer.parseInt(fields[2]) : 0));
            } catch (IllegalArgumentException e) { // a number beyond 64 bits
                throw new IllegalArgumentException("'" + abbreviate(text) + "' is not an event id of this service: "
                        + e.getMessage(), e);
            }
        }
        return new ChangeCursor(positions);
    }

    public int shards() {
        return positions.size();
    }

    public Position position(int shard) {
        return positions.get(shard);
    }

    /** @return the event id text */
    @Override
    public String toString() {
        return positions.stream().map(Position::toString).collect(Collectors.joining(","));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

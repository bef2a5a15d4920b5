package io.packetstream.query.live;

import io.lettuce.core.StreamMessage;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.query.read.StreamId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One entry of a shard's change stream: its id and its events in field order ({@code 0}, {@code 1}, …, each a block
 * of {@link ChangeEntryFormat}). An event that does not parse stays in place as empty, so positions still count it
 * (it is skipped); a field that is no block at all is reported and holds no events.
 *
 * @param shard  the shard whose change stream holds it
 * @param id     the entry id
 * @param events the events, in order
 */
record ChangeEntry(int shard, StreamId id, List<Optional<ChangeEvent>> events) implements TailSignal {

    ChangeEntry {
        Objects.requireNonNull(id, "id");
        events = List.copyOf(events);
    }

    /** @return an entry of well-formed events, for tests and fakes */
    static ChangeEntry of(int shard, String id, ChangeEvent... events) {
        return new ChangeEntry(shard, StreamId.parse(id), java.util.Arrays.stream(events).map(Optional::of).toList());
    }

    /**
     * @param bad told the text of every event that does not parse, and why
     * @return the entry as Redis returned it: fields ordered by their number, values parsed
     */
    static ChangeEntry parse(int shard, StreamMessage<String, byte[]> message, Consumer<String> bad) {
        TreeMap<Integer, byte[]> fields = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : message.getBody().entrySet()) {
            try {
                fields.put(Integer.parseInt(f.getKey()), f.getValue());
            } catch (NumberFormatException e) {
                bad.accept("field '" + f.getKey() + "' of change entry " + message.getId() + " is no event number");
            }
        }
        List<Optional<ChangeEvent>> events = new ArrayList<>();
        for (Map.Entry<Integer, byte[]> block : fields.entrySet()) {
            String where = "change entry " + message.getId() + " field " + block.getKey();
            try {
                events.addAll(ChangeEntryFormat.decode(block.getValue() == null ? new byte[0] : block.getValue(),
                        why -> bad.accept(where + ": " + why)));
            } catch (IllegalArgumentException e) { // not a block at all: its events cannot even be counted
                bad.accept(where + ": " + e.getMessage());
            }
        }
        return new ChangeEntry(shard, StreamId.parse(message.getId()), events);
    }
}

package io.packetstream.core.record;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable id of one packet: its stream shard, the stream entry id and its position in the entry.
 * Printed as {@code shard/entryId/index}, e.g. {@code 0/1795253888611-0/3}.
 */
public record PacketId(int shard, String entryId, int index) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,4})/(\\d{1,20}-\\d{1,20})/(\\d{1,9})");

    public PacketId {
        Objects.requireNonNull(entryId, "entryId");
        if (shard < 0 || index < 0) {
            throw new IllegalArgumentException("shard and index must not be negative");
        }
    }

    /** @throws IllegalArgumentException when the text is not a packet id */
    public static PacketId parse(String text) {
        var m = TEXT.matcher(Objects.requireNonNull(text, "text"));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a packet id (shard/entryId/index)");
        }
        return new PacketId(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)));
    }

    @Override
    public String toString() {
        return shard + "/" + entryId + "/" + index;
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.redis.StreamId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A packet stream entry as read from Redis.
 *
 * @param id     the entry id, {@code ms-seq}
 * @param fields its fields; empty when Redis returned the id without data (the entry was trimmed or deleted
 *               while pending)
 */
public record StreamEntry(String id, Optional<Map<String, byte[]>> fields) {

    public StreamEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        fields = fields.map(Map::copyOf);
    }

    /** @return an entry with data */
    public static StreamEntry of(String id, Map<String, byte[]> fields) {
        return new StreamEntry(id, Optional.of(fields));
    }

    /** @return the millisecond part of the id */
    public long millis() {
        return StreamId.parse(id).ms();
    }
}

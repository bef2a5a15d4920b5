package io.packetstream.indexer.commit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a committed batch wrote.
 *
 * @param writes       Redis commands applied (index writes, TTLs and change entries)
 * @param changeEvents change events written, by type; types without events are absent
 */
public record CommitResult(int writes, Map<ChangeType, Long> changeEvents) {

    public CommitResult {
        changeEvents = Collections.unmodifiableMap(changeEvents.isEmpty()
                ? new EnumMap<>(ChangeType.class) : new EnumMap<>(changeEvents));
    }

    /** @return the events of that type written, 0 if none */
    public long events(ChangeType type) {
        return changeEvents.getOrDefault(type, 0L);
    }
}

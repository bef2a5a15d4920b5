package io.packetstream.indexer.consume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last commit error of recently failed entries, so the dead letter of an entry that keeps failing says why.
 * Bounded: the oldest are forgotten first.
 */
final class FailureMemory {

    static final int CAPACITY = 4096;

    private final Map<String, String> lastError = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(List<String> entryIds, String error) {
        for (String id : entryIds) {
            lastError.remove(id);
            lastError.put(id, error);
        }
    }

    synchronized Optional<String> lastError(String entryId) {
        return Optional.ofNullable(lastError.get(entryId));
    }

    synchronized void forget(List<String> entryIds) {
        entryIds.forEach(lastError::remove);
    }
}

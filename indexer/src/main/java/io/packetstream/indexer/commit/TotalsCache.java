package io.packetstream.indexer.commit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Question 2's per-minute totals this owner knows Redis holds (packets and bytes of one host pair), so that each
 * batch writes absolute totals (idempotent, unlike HINCRBY) and announces them. Minutes later than
 * {@link ShardState#freshMinute()} start at zero; earlier ones not known are read before the batch is planned.
 * Minutes the clock has left behind are forgotten.
 */
final class TotalsCache {

    /** key → epoch minute → {packets, bytes} */
    private final Map<String, Map<Long, long[]>> totals = new HashMap<>();

    /** @return the known totals of a minute of a key, null when not known */
    long[] get(String key, long epochMinute) {
        Map<Long, long[]> minutes = totals.get(key);
        return minutes == null ? null : minutes.get(epochMinute);
    }

    void put(String key, long epochMinute, long packets, long bytes) {
        totals.computeIfAbsent(key, k -> new HashMap<>()).put(epochMinute, new long[]{packets, bytes});
    }

    /** Forgets minutes before {@code keepFrom}. */
    void endBatch(long keepFrom) {
        for (Iterator<Map<Long, long[]>> it = totals.values().iterator(); it.hasNext(); ) {
            Map<Long, long[]> minutes = it.next();
            minutes.keySet().removeIf(m -> m < keepFrom);
            if (minutes.isEmpty()) {
                it.remove();
            }
        }
    }
}

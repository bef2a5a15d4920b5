package io.packetstream.indexer.commit;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Question 2's per-minute totals this owner knows Redis holds (packets and bytes of one host pair), so that each
 * batch writes absolute totals (idempotent, unlike HINCRBY) and announces them. Minutes later than
 * {@link ShardState#freshMinute()} start at zero; earlier ones not known are read before the batch is planned.
 * Minutes the clock has left behind are forgotten.
 */
final class TotalsCache {

    /**
     * epoch minute → key → {packets, bytes}: by minute first, so that forgetting the minutes the clock left behind
     * costs what is forgotten, not a walk over every host pair known
     */
    private final NavigableMap<Long, Map<String, long[]>> totals = new TreeMap<>();

    /** @return the known totals of a minute of a key, {packets, bytes}, null when not known; update it in place */
    long[] get(String key, long epochMinute) {
        Map<String, long[]> keys = totals.get(epochMinute);
        return keys == null ? null : keys.get(key);
    }

    /** @return the totals now known, to update in place */
    long[] put(String key, long epochMinute, long packets, long bytes) {
        long[] known = {packets, bytes};
        totals.computeIfAbsent(epochMinute, m -> new HashMap<>()).put(key, known);
        return known;
    }

    /** Forgets minutes before {@code keepFrom}. */
    void endBatch(long keepFrom) {
        totals.headMap(keepFrom, false).clear();
    }
}

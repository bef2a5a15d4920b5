package io.packetstream.indexer.commit;

import io.packetstream.indexer.write.Bytes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Members this owner knows Redis holds, per set-like key, so that a member seen in every batch is written once and
 * a new member of a minute bucket is announced once. Minute buckets later than {@link ShardState#freshMinute()} are
 * known whole (nothing after the shard's clock can be in Redis); for the others, members not known yet are looked
 * up before the batch is planned. Keys without events (hour buckets, sensors, hours) are only deduplicated.
 * Bounded: minute buckets the clock has left behind are forgotten, and past {@code maxMembers} everything is.
 */
final class MemberCache {

    private final int maxMembers;
    private final Map<String, Known> minutes = new HashMap<>();
    private final LinkedHashMap<String, Set<Bytes>> plain = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    /** A minute bucket's known members. */
    record Known(long epochMinute, Set<Bytes> members) {
    }

    MemberCache(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    /** @return the known members of a minute bucket, created empty on first use */
    Set<Bytes> minute(String key, long epochMinute) {
        return minutes.computeIfAbsent(key, k -> new Known(epochMinute, new HashSet<>())).members();
    }

    /** @return the known members of a key without events, created empty on first use */
    Set<Bytes> plain(String key) {
        return plain.computeIfAbsent(key, k -> new HashSet<>());
    }

    /** Counts members added through the returned sets; call once per batch with how many were added. */
    void added(int members) {
        size += members;
    }

    /**
     * Forgets minute buckets before {@code keepFrom}, and everything when over the bound.
     *
     * @return true when everything was forgotten
     */
    boolean endBatch(long keepFrom) {
        for (Iterator<Known> it = minutes.values().iterator(); it.hasNext(); ) {
            Known k = it.next();
            if (k.epochMinute() < keepFrom) {
                size -= k.members().size();
                it.remove();
            }
        }
        while (size > maxMembers && !plain.isEmpty()) {
            Iterator<Set<Bytes>> eldest = plain.values().iterator();
            size -= eldest.next().size();
            eldest.remove();
        }
        if (size > maxMembers) {
            minutes.clear();
            size = 0;
            return true;
        }
        return false;
    }
}

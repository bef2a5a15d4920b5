package io.packetstream.indexer.commit;

import io.packetstream.core.redis.StreamId;
import io.packetstream.core.time.CaptureTime;

import java.util.HashMap;
import java.util.Map;

/**
 * What the owner of a shard knows Redis holds for it: the freshness hash, the newest change-entry id, and the
 * caches that let it plan a batch's writes and events without asking Redis. Valid only while this indexer holds
 * the shard without interruption (nobody else writes the shard meanwhile); dropped after any failure and built
 * again when the shard is taken over.
 */
final class ShardState {

    static final long NONE = Long.MIN_VALUE;

    long oldestMicros;
    long newestMicros;
    long packets;
    /**
     * sensor → its capture clock, ns: the newest time its packets and heartbeats on this shard reached (meta
     * {@code clock:<sensor>}); only a sensor's own clock closes its question-1 connections
     */
    final Map<String, Long> clocks;
    /** the newest change-entry id, {@code ms-seq} */
    long changeMillis;
    long changeSeq;
    final WindowCache windows;
    final MemberCache members;
    final TotalsCache totals;
    final VolumeEvents volumes = new VolumeEvents();
    /** minute buckets and totals of later minutes cannot be in Redis yet: nothing after the clock is */
    private long freshMinute;

    /**
     * @param oldestMicros meta {@code oldest}, {@link #NONE} when absent
     * @param newestMicros meta {@code newest}, the newest packet of any sensor, {@link #NONE} when absent
     * @param packets      meta {@code packets}
     * @param clocks       sensor → capture clock in ns, as stored
     * @param changeId     the change stream's last generated id, {@link StreamId#MIN} when there is none
     */
    ShardState(long oldestMicros, long newestMicros, long packets, Map<String, Long> clocks, StreamId changeId,
               int maxMembers) {
        this.oldestMicros = oldestMicros;
        this.newestMicros = newestMicros;
        this.packets = packets;
        this.clocks = new HashMap<>(clocks);
        this.changeMillis = changeId.ms();
        this.changeSeq = changeId.seq();
        long newest = newestNanos();
        this.windows = new WindowCache();
        this.members = new MemberCache(maxMembers);
        this.totals = new TotalsCache();
        this.freshMinute = newest == NONE ? NONE : CaptureTime.epochMinute(newest);
    }

    /**
     * @return the newest packet of any sensor in ns (meta newest, a µs value), {@link #NONE} before the first: no
     * minute bucket or total after it can be in Redis
     */
    long newestNanos() {
        return newestMicros == NONE ? NONE : newestMicros * 1000;
    }

    /** @return true when nothing of that minute can be in Redis unless this owner wrote it */
    boolean fresh(long epochMinute) {
        return epochMinute > freshMinute;
    }

    /** @return the next change-entry id at or after {@code nowMillis}, recorded as the newest */
    String nextChangeId(long nowMillis) {
        if (nowMillis > changeMillis) {
            changeMillis = nowMillis;
            changeSeq = 0;
        } else {
            changeSeq++;
        }
        return changeMillis + "-" + changeSeq;
    }

    /** Forgets what the clocks have left behind, keeping the caches bounded. */
    void endBatch() {
        windows.endBatch(clocks);
        long clock = newestNanos();
        if (clock == NONE) {
            return;
        }
        long minute = CaptureTime.epochMinute(clock);
        totals.endBatch(minute - 1);
        boolean forgotAll = members.endBatch(minute - 1);
        freshMinute = Math.max(freshMinute, forgotAll ? minute : minute - 2);
    }
}

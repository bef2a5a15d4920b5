package io.packetstream.indexer.commit;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers when this process last set the TTL of each index key, so a commit refreshes a key's TTL at most once
 * per tenth of the retention instead of on every batch (an EXPIRE per key per batch was a fifth of a commit's
 * Redis calls). A key therefore lives at least nine tenths of the retention after its last write.
 *
 * <p>Valid while this indexer holds the shard without interruption: a shard writer starts a new one whenever it
 * takes the shard over, so a key lost meanwhile (restart, flush) and written again gets its TTL at once. Bounded:
 * past {@code maxKeys} it forgets the entries that are due anyway, then everything. Thread-safe.
 */
final class TtlRefreshes {

    /** Keys remembered before the oldest are forgotten: about 20 MB. */
    static final int DEFAULT_MAX_KEYS = 100_000;

    private final long intervalNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    /** key → {@link #nanoTime} before the commit that set its TTL was sent */
    private final Map<String, Long> setAt = new ConcurrentHashMap<>();

    /**
     * @param retention the TTL a commit sets; refreshed after a tenth of it
     * @param maxKeys   keys remembered at most, at least 1
     * @param nanoTime  the clock
     */
    TtlRefreshes(Duration retention, int maxKeys, LongSupplier nanoTime) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, was " + maxKeys);
        }
        this.intervalNanos = retention.toNanos() / 10;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** @return the clock, read before a commit is sent: what {@link #refreshed} records */
    long now() {
        return nanoTime.getAsLong();
    }

    /** @return true when the TTL of {@code key} must be set by a commit sent at {@code now} */
    boolean due(String key, long now) {
        Long at = setAt.get(key);
        return at == null || now - at >= intervalNanos;
    }

    /** Records that a commit sent at {@code sentAt} set the TTL of {@code keys} (call once it was applied). */
    void refreshed(Collection<String> keys, long sentAt) {
        for (String key : keys) {
            setAt.put(key, sentAt);
        }
        if (setAt.size() > maxKeys) {
            long now = nanoTime.getAsLong();
            setAt.values().removeIf(at -> now - at >= intervalNanos);
            if (setAt.size() > maxKeys) {
                setAt.clear();
            }
        }
    }

    /** @return keys remembered */
    int size() {
        return setAt.size();
    }
}

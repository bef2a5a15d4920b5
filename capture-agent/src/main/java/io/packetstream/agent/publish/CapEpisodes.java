package io.packetstream.agent.publish;

import io.packetstream.core.keys.KeySchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.concurrent.TimeUnit;

/**
 * What the operator is told while shard streams are at their cap of unacknowledged entries: when a file replay
 * starts waiting for the indexers (or a live capture starts dropping) and when it ends. Indexers that keep up
 * just barely put a replay at the cap every few entries, so the first episode, and one a minute after, is a
 * warning; the others go to DEBUG. Sender-thread only.
 */
final class CapEpisodes {

    private static final Logger log = LoggerFactory.getLogger(CapEpisodes.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long maxLen;
    private long waitStart = -1;
    private long dropStart = -1;
    private long warnedAt = -1;
    private boolean warned;

    CapEpisodes(long maxLen) {
        this.maxLen = maxLen;
    }

    /** @return true while a file replay waits: retries then go at the group-check pace */
    boolean waiting() {
        return waitStart >= 0;
    }

    /** A batch of a file replay was refused at the cap. */
    void refused(String stream, long unacknowledged, long now) {
        if (waitStart < 0) {
            waitStart = now;
            log.atLevel(level(now)).log("waiting for indexers, stream at cap: {} holds {} entries not yet "
                            + "acknowledged by group '{}' (--max-len {}); reading pauses until they catch up (is an "
                            + "indexer running?)", stream, unacknowledged, KeySchema.CONSUMER_GROUP, maxLen);
        }
    }

    /** A batch of a live capture was dropped at the cap. */
    void dropped(String stream, long unacknowledged, long now) {
        if (dropStart < 0) {
            dropStart = now;
            log.atLevel(level(now)).log("indexers are behind: {} holds {} entries not yet acknowledged (--max-len {}); "
                    + "dropping and counting packets (stream_full) until they catch up", stream, unacknowledged, maxLen);
        }
    }

    /** A batch was appended: an episode in progress is over. */
    void appended(long now) {
        Level level = warned ? Level.INFO : Level.DEBUG;
        if (waitStart >= 0) {
            log.atLevel(level).log("indexers made room after {} ms; publishing again",
                    TimeUnit.NANOSECONDS.toMillis(now - waitStart));
            waitStart = -1;
        }
        if (dropStart >= 0) {
            log.atLevel(level).log("indexers caught up after {} ms; packets are published again",
                    TimeUnit.NANOSECONDS.toMillis(now - dropStart));
            dropStart = -1;
        }
    }

    private Level level(long now) {
        warned = warnedAt < 0 || now - warnedAt >= WARNING_INTERVAL_NANOS;
        if (warned) {
            warnedAt = now;
        }
        return warned ? Level.WARN : Level.DEBUG;
    }
}

package io.packetstream.indexer.consume;

import java.util.OptionalLong;

/**
 * How far the consumer group is with one shard.
 *
 * @param pending  entries delivered but not acknowledged
 * @param lag      entries not yet delivered, where Redis can tell (7.0+ and no deletions); else empty
 * @param caughtUp the group has been delivered the newest entry of the stream
 */
public record ShardStatus(long pending, OptionalLong lag, boolean caughtUp) {

    /** @return true when every entry of the shard has been read and acknowledged (hence indexed) */
    public boolean idle() {
        return pending == 0 && caughtUp;
    }

    /** @return the lag, 0 when caught up, NaN when unknown */
    public double lagOrNaN() {
        if (lag.isPresent()) {
            return lag.getAsLong();
        }
        return caughtUp ? 0 : Double.NaN;
    }
}

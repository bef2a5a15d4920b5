package io.packetstream.query.live;

import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;
import io.packetstream.query.read.QueryResult.PacketMatch;

/**
 * What flows through a subscription between the change streams and its events: a change to send, or a position
 * passed without one (events the subscription's filter skipped), or a heartbeat tick.
 */
sealed interface Step {

    /** A step at a place in a shard's change stream; after it, {@link #after()} events of the entry are done. */
    sealed interface Placed extends Step {
        int shard();

        StreamId entry();

        int after();

        default Position position() {
            return new Position(entry(), after());
        }
    }

    /** A change event the subscription's filter let through. */
    record Deliver(int shard, StreamId entry, int after, ChangeEvent event) implements Placed {
    }

    /**
     * Question 5: a packet of an indexed entry that matches; {@code after} stays before the event until its last
     * packet, {@code packets} counts the event's matches sent so far (0 with the last, as the event is then done).
     */
    record Packet(int shard, StreamId entry, int after, int packets, PacketMatch match) implements Placed {
        @Override
        public Position position() {
            return new Position(entry, after, packets);
        }
    }

    /** Events the filter skipped, up to {@code after}: the position moves on, nothing is sent. */
    record Skip(int shard, StreamId entry, int after) implements Placed {
    }

    /** Time for a heartbeat, if the subscription has been silent since the last tick. */
    enum Tick implements Step {
        INSTANCE
    }
}

package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.keys.KeySchema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One event of a shard's change stream (docs/architecture.md, "Live subscriptions"); {@link ChangeEntryFormat} is
 * how entries store them.
 */
public sealed interface ChangeEvent {

    /** @return the sensor whose packets caused the change */
    String sensor();

    /** Question 1: the connection became active at {@code timeNanos}, its first packet after a quiet second. */
    record ConnectionActive(String sensor, Connection connection, long timeNanos) implements ChangeEvent {
        public ConnectionActive {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** Question 1: the connection became inactive at {@code timeNanos}, one second after its last packet. */
    record ConnectionInactive(String sensor, Connection connection, long timeNanos) implements ChangeEvent {
        public ConnectionInactive {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** Question 2: the totals of one minute between two hosts, after this change. */
    record VolumeTotals(String sensor, IpAddress low, IpAddress high, long epochMinute, long packets, long bytes)
            implements ChangeEvent {
        public VolumeTotals {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }

        /** @return true when this is the traffic between {@code a} and {@code b}, in either order */
        public boolean between(IpAddress a, IpAddress b) {
            return (low.equals(a) && high.equals(b)) || (low.equals(b) && high.equals(a));
        }
    }

    /** Question 3: {@code peer} sent to or received from {@code host:port} in that minute, for the first time. */
    record PeerSeen(String sensor, long epochMinute, IpAddress host, int port, IpAddress peer) implements ChangeEvent {
        public PeerSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /** Question 4: {@code service} received a connection attempt or datagram in that minute, for the first time. */
    record ServiceSeen(String sensor, long epochMinute, Endpoint service) implements ChangeEvent {
        public ServiceSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(service, "service");
        }
    }

    /** Question 6: {@code local} exchanged a packet with {@code outside} in that minute, for the first time. */
    record OutsideSeen(String sensor, long epochMinute, IpAddress local, IpAddress outside) implements ChangeEvent {
        public OutsideSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(outside, "outside");
        }
    }

    /** Question 5: the packet-stream entry {@code entryId} of this shard is indexed. */
    record EntryIndexed(String sensor, String entryId) implements ChangeEvent {
        private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

        public EntryIndexed {
            KeySchema.checkName(sensor, "sensor");
            if (!ENTRY_ID.matcher(Objects.requireNonNull(entryId, "entryId")).matches()) {
                throw new IllegalArgumentException("entryId '" + entryId + "' is no stream entry id");
            }
        }
    }
}

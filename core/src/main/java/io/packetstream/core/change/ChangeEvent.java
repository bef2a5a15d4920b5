package io.packetstream.core.change;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One event of a shard's change stream, in the text form the indexer's shard writer writes (see
 * docs/architecture.md, "Live subscriptions"): a letter, the sensor, then the event's fields, space-separated.
 */
public sealed interface ChangeEvent {

    /** @return the sensor whose packets caused the change */
    String sensor();

    /** @return the text form, as stored in the change stream */
    String format();

    /**
     * @param text one event value of a change-stream entry
     * @return the event
     * @throws IllegalArgumentException naming what is wrong when the text is no event
     */
    static ChangeEvent parse(String text) {
        return ChangeEventText.parse(Objects.requireNonNull(text, "text"));
    }

    /** Question 1: the connection became active at {@code timeNanos}, its first packet after a quiet second. */
    record ConnectionActive(String sensor, Connection connection, long timeNanos) implements ChangeEvent {
        public ConnectionActive {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(connection, "connection");
        }

        @Override
        public String format() {
            return "A " + sensor + " " + hex(connection.encode()) + " " + ChangeEventText.time(timeNanos);
        }
    }

    /** Question 1: the connection became inactive at {@code timeNanos}, one second after its last packet. */
    record ConnectionInactive(String sensor, Connection connection, long timeNanos) implements ChangeEvent {
        public ConnectionInactive {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(connection, "connection");
        }

        @Override
        public String format() {
            return "I " + sensor + " " + hex(connection.encode()) + " " + ChangeEventText.time(timeNanos);
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

        @Override
        public String format() {
            return "V " + sensor + " " + low + " " + high + " " + epochMinute + " " + packets + " " + bytes;
        }
    }

    /** Question 3: {@code peer} sent to or received from {@code host:port} in that minute, for the first time. */
    record PeerSeen(String sensor, long epochMinute, IpAddress host, int port, IpAddress peer) implements ChangeEvent {
        public PeerSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String format() {
            return "P " + sensor + " " + epochMinute + " " + hex(IndexMembers.peer(host, port, peer));
        }
    }

    /** Question 4: {@code service} received a connection attempt or datagram in that minute, for the first time. */
    record ServiceSeen(String sensor, long epochMinute, Endpoint service) implements ChangeEvent {
        public ServiceSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String format() {
            return "S " + sensor + " " + epochMinute + " " + hex(IndexMembers.service(service.address(), service.port()));
        }
    }

    /** Question 6: {@code local} exchanged a packet with {@code outside} in that minute, for the first time. */
    record OutsideSeen(String sensor, long epochMinute, IpAddress local, IpAddress outside) implements ChangeEvent {
        public OutsideSeen {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(outside, "outside");
        }

        @Override
        public String format() {
            return "O " + sensor + " " + epochMinute + " " + hex(IndexMembers.hostPair(local, outside));
        }
    }

    /** Question 5: the packet-stream entry {@code entryId} of this shard is indexed. */
    record EntryIndexed(String sensor, String entryId) implements ChangeEvent {
        public EntryIndexed {
            KeySchema.checkName(sensor, "sensor");
            Objects.requireNonNull(entryId, "entryId");
        }

        @Override
        public String format() {
            return "E " + sensor + " " + entryId;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

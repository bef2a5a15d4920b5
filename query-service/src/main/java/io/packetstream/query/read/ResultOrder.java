package io.packetstream.query.read;

import io.packetstream.core.redis.StreamId;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.PacketMatch;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Endpoint;

import java.util.Comparator;

/**
 * The order of every answer (docs/architecture.md, "Answers"): addresses IPv4 before IPv6, then by unsigned bytes;
 * connections by protocol name, then destination (the service side), then source; minutes ascending; packets by
 * time, sensor, then id.
 */
final class ResultOrder {

    /** Written out rather than chained: answers of thousands of connections spent a share of their time here. */
    static final Comparator<ActiveConnection> CONNECTIONS = (x, y) -> {
        if (x.protocol() != y.protocol()) {
            int byName = IpPacket.protocolName(x.protocol()).compareTo(IpPacket.protocolName(y.protocol()));
            if (byName != 0) {
                return byName;
            }
        }
        int byDst = compare(x.dst(), y.dst());
        return byDst != 0 ? byDst : compare(x.src(), y.src());
    };

    static final Comparator<PacketMatch> PACKETS = Comparator.comparingLong(PacketMatch::timeNanos)
            .thenComparing(PacketMatch::sensor)
            .thenComparingInt(m -> m.id().shard())
            .thenComparing(m -> StreamId.parse(m.id().entryId()))
            .thenComparingInt(m -> m.id().index());

    private ResultOrder() {
    }

    /** @return {@link Endpoint#compareTo}'s order (address, then port), without its chain of comparators */
    static int compare(Endpoint x, Endpoint y) {
        int byAddress = compare(x.address(), y.address());
        return byAddress != 0 ? byAddress : Integer.compare(x.port(), y.port());
    }

    /** @return {@link IpAddress#compareTo}'s order; a byte loop beats a vectorized mismatch on 4 or 16 bytes */
    static int compare(IpAddress x, IpAddress y) {
        if (x == y) {
            return 0;
        }
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        for (int i = 0; i < x.length(); i++) {
            int byByte = x.byteAt(i) - y.byteAt(i);
            if (byByte != 0) {
                return byByte;
            }
        }
        return 0;
    }
}

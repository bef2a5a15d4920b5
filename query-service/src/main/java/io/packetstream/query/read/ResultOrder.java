package io.packetstream.query.read;

import io.packetstream.query.read.QueryResult.ActiveConnection;
import io.packetstream.query.read.QueryResult.Host;
import io.packetstream.query.read.QueryResult.HostServices;
import io.packetstream.query.read.QueryResult.MinuteVolume;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import io.packetstream.query.read.QueryResult.PacketMatch;

import io.packetstream.core.decode.IpPacket;

import java.util.Comparator;

/**
 * The order of every answer (docs/architecture.md, "Answers"): addresses IPv4 before IPv6, then by unsigned bytes;
 * connections by protocol name, then destination (the service side), then source; minutes ascending; packets by
 * time, sensor, then id.
 */
final class ResultOrder {

    static final Comparator<ActiveConnection> CONNECTIONS =
            Comparator.comparing((ActiveConnection c) -> IpPacket.protocolName(c.protocol()))
                    .thenComparing(ActiveConnection::dst).thenComparing(ActiveConnection::src);

    static final Comparator<PacketMatch> PACKETS = Comparator.comparingLong(PacketMatch::timeNanos)
            .thenComparing(PacketMatch::sensor)
            .thenComparingInt(m -> m.id().shard())
            .thenComparing(m -> StreamId.parse(m.id().entryId()))
            .thenComparingInt(m -> m.id().index());

    private ResultOrder() {
    }

    /** @return the comparator of the question's results; results of other types are never mixed in */
    static Comparator<QueryResult> of(Question question) {
        if (question instanceof Question.ActiveConnections) {
            return cast(ActiveConnection.class, CONNECTIONS);
        }
        if (question instanceof Question.Volume) {
            return cast(MinuteVolume.class, Comparator.comparingLong(MinuteVolume::epochMinute));
        }
        if (question instanceof Question.ConnectedTo) {
            return cast(Host.class, Comparator.comparing(Host::host));
        }
        if (question instanceof Question.WellKnownServices) {
            return cast(HostServices.class, Comparator.comparing(HostServices::host));
        }
        if (question instanceof Question.Containing) {
            return cast(PacketMatch.class, PACKETS);
        }
        return cast(OutsideTalker.class, Comparator.comparing(OutsideTalker::host));
    }

    private static <T extends QueryResult> Comparator<QueryResult> cast(Class<T> type, Comparator<T> order) {
        return (x, y) -> order.compare(type.cast(x), type.cast(y));
    }
}

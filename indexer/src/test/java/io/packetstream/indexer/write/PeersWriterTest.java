package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeersWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void recordsBothEndpointsInMinuteAndHourBucketsOnceEach() {
        var out = emit(new PeersWriter(keys, 0),
                at(tcp("10.10.0.11", 40000, "10.0.0.80", 80, 0x02), T0),
                at(tcp("10.0.0.80", 80, "10.10.0.11", 40000, 0x12), T0 + 1),
                at(tcp("10.10.0.11", 40000, "10.0.0.80", 80, 0x10), T0 + 2));

        long minute = CaptureTime.epochMinute(T0);
        assertEquals(List.of(keys.peers(0, "s1", TimeBucket.minute(minute)),
                keys.peers(0, "s1", TimeBucket.hour(Math.floorDiv(minute, 60)))), out.stream().map(KeyWrite::key).toList());
        assertEquals(List.of(new ChangeTag.NewMembers('P', "s1", minute), ChangeTag.NONE),
                out.stream().map(KeyWrite::changes).toList(), "only the minute bucket announces new members");
        for (KeyWrite w : out) {
            assertEquals(WriteOp.SORTED_ADD, w.op());
            assertEquals(4, w.args().size(), "two members with score 0, deduplicated");
            assertEquals("0", text(w.args().get(0)));
            Set<String> members = Set.of(text(w.args().get(1)), text(w.args().get(3)));
            assertEquals(Set.of(
                    text(IndexMembers.peer(IpAddress.parse("10.0.0.80"), 80, IpAddress.parse("10.10.0.11"))),
                    text(IndexMembers.peer(IpAddress.parse("10.10.0.11"), 40000, IpAddress.parse("10.0.0.80")))), members);
        }
    }

    @Test
    void skipsPacketsWithoutPortsAndOtherProtocols() {
        assertTrue(emit(new PeersWriter(keys, 0),
                at(portless("10.0.0.1", "10.0.0.2", 6), T0),
                at(icmp("10.0.0.1", "10.0.0.2"), T0)).isEmpty());
    }

    @Test
    void udpCounts() {
        var out = emit(new PeersWriter(keys, 0), at(udp("10.0.0.1", 5353, "10.0.0.2", 53), T0));
        Set<IpAddress> peers = out.get(0).args().stream().filter(a -> a.length > 1).map(IndexMembers::peerOf)
                .collect(Collectors.toSet());
        assertEquals(Set.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2")), peers);
    }
}

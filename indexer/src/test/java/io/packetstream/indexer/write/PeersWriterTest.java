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
        IpAddress server = IpAddress.parse("10.0.0.80");
        IpAddress client = IpAddress.parse("10.10.0.11");
        TimeBucket hour = TimeBucket.hour(Math.floorDiv(minute, 60));
        // each host's members go to its own partition of the minute and the hour bucket
        assertEquals(java.util.Set.of(keys.peers(0, "s1", TimeBucket.minute(minute), server),
                        keys.peers(0, "s1", TimeBucket.minute(minute), client), keys.peers(0, "s1", hour, server),
                        keys.peers(0, "s1", hour, client)),
                out.stream().map(KeyWrite::key).collect(java.util.stream.Collectors.toSet()));
        for (KeyWrite w : out) {
            assertEquals(w.key().contains(":m:") ? new ChangeTag.NewMembers('P', "s1", minute) : ChangeTag.NONE,
                    w.changes(), "only the minute bucket announces new members");
        }
        Set<String> minuteMembers = new java.util.HashSet<>();
        for (KeyWrite w : out) {
            assertEquals(WriteOp.SORTED_ADD, w.op());
            for (int i = 0; i < w.args().size(); i += 2) {
                assertEquals("0", text(w.args().get(i)), "score 0");
                byte[] member = w.args().get(i + 1);
                IpAddress host = IndexMembers.peerHostPortOf(member).address();
                TimeBucket bucket = w.key().contains(":m:") ? TimeBucket.minute(minute) : hour;
                assertEquals(keys.peers(0, "s1", bucket, host), w.key(), "a member lives in its host's partition");
                if (bucket.level() == TimeBucket.Level.MINUTE) {
                    assertTrue(minuteMembers.add(text(member)), "deduplicated");
                }
            }
        }
        assertEquals(Set.of(text(IndexMembers.peer(server, 80, client)), text(IndexMembers.peer(client, 40000, server))),
                minuteMembers);
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
        Set<IpAddress> peers = out.stream().flatMap(w -> w.args().stream()).filter(a -> a.length > 1)
                .map(IndexMembers::peerOf).collect(Collectors.toSet());
        assertEquals(Set.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2")), peers);
    }
}

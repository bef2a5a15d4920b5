package io.packetstream.indexer.write;

import io.packetstream.core.index.Endpoint;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicesWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void synWithoutAckAndUdpDatagramsToWellKnownPortsCount() {
        var out = emit(new ServicesWriter(keys, 0),
                at(tcp("10.0.0.1", 40000, "172.16.9.33", 80, 0x02), T0),
                at(udp("10.0.0.1", 40001, "172.16.9.33", 53), T0),
                at(tcp("10.0.0.1", 40002, "172.16.9.33", 80, 0x02), T0)); // duplicate
        assertEquals(2, out.size(), "minute and hour bucket");
        for (KeyWrite w : out) {
            assertEquals(WriteOp.SET_ADD, w.op());
            assertEquals(List.of(new Endpoint(IpAddress.parse("172.16.9.33"), 80),
                    new Endpoint(IpAddress.parse("172.16.9.33"), 53)),
                    w.args().stream().map(IndexMembers::serviceOf).toList());
        }
    }

    @Test
    void synAckPlainAckHighPortsMulticastBroadcastAndCutHeadersDoNot() {
        assertTrue(emit(new ServicesWriter(keys, 0),
                at(tcp("172.16.9.33", 80, "10.0.0.1", 443, 0x12), T0),       // SYN-ACK
                at(tcp("10.0.0.1", 40000, "172.16.9.33", 80, 0x10), T0),     // ACK
                at(tcp("10.0.0.1", 40000, "172.16.9.33", 1024, 0x02), T0),   // port ≥ 1024
                at(udp("10.0.0.1", 5353, "224.0.0.251", 53), T0),            // multicast
                at(udp("10.0.0.1", 68, "255.255.255.255", 67), T0),          // broadcast
                at(udp("fe80::1", 5353, "ff02::fb", 53), T0),                // IPv6 multicast
                at(portless("10.0.0.1", "172.16.9.33", 17), T0),             // no UDP header
                at(icmp("10.0.0.1", "172.16.9.33"), T0)).isEmpty());
    }
}

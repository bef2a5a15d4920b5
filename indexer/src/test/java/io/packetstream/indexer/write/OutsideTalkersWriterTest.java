package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.Cidr;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutsideTalkersWriterTest {

    private final KeySchema keys = new KeySchema("t");

    @Test
    void pairsTheLocalHostWithTheOutsideOneInEitherDirection() {
        var out = emit(new OutsideTalkersWriter(keys, 0, AddressClassifier.defaults()),
                at(tcp("10.10.0.11", 40000, "203.0.113.80", 443, 0x02), T0),
                at(tcp("203.0.113.80", 443, "10.10.0.11", 40000, 0x12), T0),
                at(icmp("2001:db8::1", "fd00::5"), T0));
        assertEquals(2, out.size());
        for (KeyWrite w : out) {
            assertEquals(WriteOp.SET_ADD, w.op());
            List<List<IpAddress>> pairs = w.args().stream().map(m -> Arrays.asList(IndexMembers.hostPairOf(m))).toList();
            assertEquals(List.of(List.of(IpAddress.parse("10.10.0.11"), IpAddress.parse("203.0.113.80")),
                    List.of(IpAddress.parse("fd00::5"), IpAddress.parse("2001:db8::1"))), pairs);
        }
    }

    @Test
    void localToLocalOutsideToOutsideAndSpecialAddressesDoNotCount() {
        assertTrue(emit(new OutsideTalkersWriter(keys, 0, AddressClassifier.defaults()),
                at(icmp("10.0.0.1", "192.168.1.1"), T0),
                at(icmp("8.8.8.8", "1.1.1.1"), T0),
                at(udp("10.0.0.1", 5353, "224.0.0.251", 5353), T0),
                at(icmp("127.0.0.1", "8.8.8.8"), T0),
                at(icmp("10.0.0.1", "169.254.1.1"), T0)).isEmpty());
    }

    @Test
    void localNetworksAreConfigurable() {
        var classifier = new AddressClassifier(List.of(Cidr.parse("203.0.113.0/24")));
        var out = emit(new OutsideTalkersWriter(keys, 0, classifier), at(icmp("203.0.113.80", "8.8.8.8"), T0));
        assertEquals(2, out.size());
    }
}

package io.packetstream.indexer.write;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.Cidr;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.packetstream.indexer.write.TestPackets.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutsideTalkersWriterTest {

    private static final TimeBucket MINUTE = TimeBucket.minute(at(icmp("10.0.0.1", "8.8.8.8"), T0).epochMinute());
    private static final TimeBucket HOUR = TimeBucket.hour(at(icmp("10.0.0.1", "8.8.8.8"), T0).epochHour());

    private final KeySchema keys = new KeySchema("t");

    @Test
    void pairsTheLocalHostWithTheOutsideOneInEitherDirection() {
        var out = emit(new OutsideTalkersWriter(keys, 0, AddressClassifier.defaults()),
                at(tcp("10.10.0.11", 40000, "203.0.113.80", 443, 0x02), T0),
                at(tcp("203.0.113.80", 443, "10.10.0.11", 40000, 0x12), T0),
                at(icmp("2001:db8::1", "fd00::5"), T0));
        for (TimeBucket bucket : List.of(MINUTE, HOUR)) {
            assertEquals(Set.of(List.of(IpAddress.parse("10.10.0.11"), IpAddress.parse("203.0.113.80")),
                    List.of(IpAddress.parse("fd00::5"), IpAddress.parse("2001:db8::1"))), pairs(out, bucket));
        }
    }

    @Test
    void everyPairIsWrittenToItsLocalHostsPartitionSoAHostsPeersShareOneSet() {
        var writer = new OutsideTalkersWriter(keys, 0, AddressClassifier.defaults());
        List<IndexedPacket> packets = new ArrayList<>();
        for (int local = 0; local < 64; local++) {
            for (int peer = 1; peer <= 3; peer++) {
                packets.add(at(icmp("10.0." + local + ".1", "198.51.100." + peer), T0));
            }
        }
        var out = emit(writer, packets.toArray(IndexedPacket[]::new));
        Set<Integer> partitions = new HashSet<>();
        for (KeyWrite w : out) {
            for (byte[] member : w.args()) {
                IpAddress local = IndexMembers.hostPairOf(member)[0];
                int partition = KeySchema.outsideTalkerPartition(local);
                assertTrue(w.key().equals(keys.outsideTalkers(0, "s1", MINUTE, partition))
                        || w.key().equals(keys.outsideTalkers(0, "s1", HOUR, partition)), w.key() + " holds a pair of " + local);
                partitions.add(partition);
            }
        }
        assertEquals(KeySchema.OUTSIDE_TALKER_PARTITIONS, partitions.size(), "64 local hosts spread over every partition");
        assertEquals(64 * 3, pairs(out, MINUTE).size());
    }

    /** @return the pairs written to the partitions of a bucket */
    private Set<List<IpAddress>> pairs(List<KeyWrite> out, TimeBucket bucket) {
        Set<List<IpAddress>> pairs = new HashSet<>();
        for (int p = 0; p < KeySchema.OUTSIDE_TALKER_PARTITIONS; p++) {
            String key = keys.outsideTalkers(0, "s1", bucket, p);
            for (KeyWrite w : out) {
                if (w.key().equals(key)) {
                    assertEquals(WriteOp.SET_ADD, w.op());
                    w.args().forEach(m -> pairs.add(Arrays.asList(IndexMembers.hostPairOf(m))));
                }
            }
        }
        return pairs;
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

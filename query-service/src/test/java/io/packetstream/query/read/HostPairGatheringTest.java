package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Question 6's grouping: hosts and peers in answer order (IPv4 before IPv6, unsigned bytes), each pair once.
 */
class HostPairGatheringTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    private static OutsideTalker talker(String host, String... peers) {
        return new OutsideTalker(ip(host), List.of(peers).stream().map(IpAddress::parse).toList());
    }

    private static void add(HostPairGathering g, String local, String outside) {
        g.add(IndexMembers.hostPair(ip(local), ip(outside)));
    }

    @Test
    void hostsAndPeersComeSortedByUnsignedBytesWithRepeatsDropped() {
        HostPairGathering g = new HostPairGathering();
        add(g, "200.1.0.1", "9.9.9.9");
        add(g, "10.1.0.2", "203.0.113.9");
        add(g, "10.1.0.2", "8.8.8.8");
        add(g, "200.1.0.1", "9.9.9.9");
        add(g, "10.1.0.2", "203.0.113.9");
        add(g, "2001:db8::2", "2001:db8:ffff::1");
        add(g, "2001:db8::1", "2606:4700::1111");
        add(g, "2001:db8::2", "2001:db8:ffff::1");
        add(g, "2001:db8::2", "2001:db8:1::1");
        assertEquals(List.of(
                talker("10.1.0.2", "8.8.8.8", "203.0.113.9"),
                talker("200.1.0.1", "9.9.9.9"),
                talker("2001:db8::1", "2606:4700::1111"),
                talker("2001:db8::2", "2001:db8:1::1", "2001:db8:ffff::1")), g.results());
    }

    @Test
    void anIpv4HostWithPeersOfBothFamiliesIsOneResult() {
        HostPairGathering g = new HostPairGathering();
        add(g, "10.1.0.1", "2001:db8::9");
        add(g, "10.1.0.1", "198.51.100.7");
        add(g, "10.1.0.0", "198.51.100.7");
        assertEquals(List.of(talker("10.1.0.0", "198.51.100.7"), talker("10.1.0.1", "198.51.100.7", "2001:db8::9")),
                g.results());
    }

    @Test
    void bytesThatAreNoPairAreRefusedAndLeaveNoTrace() {
        HostPairGathering g = new HostPairGathering();
        assertThrows(IllegalArgumentException.class, () -> g.add(new byte[]{4, 10, 0, 0, 1, 4, 1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> g.add(new byte[]{4, 10, 0, 0, 1, 5, 1, 2, 3, 4}));
        add(g, "10.1.0.1", "198.51.100.7");
        assertEquals(List.of(talker("10.1.0.1", "198.51.100.7")), g.results());
    }

    @Test
    void manyPairsComeOutAsASortedMapOfThemWould() {
        Random random = new Random(6);
        HostPairGathering g = new HostPairGathering();
        TreeMap<IpAddress, TreeSet<IpAddress>> expected = new TreeMap<>();
        for (int i = 0; i < 30_000; i++) {
            // a few networks, so that some bytes are shared by every pair and others not
            IpAddress local = IpAddress.of(new byte[]{10, (byte) random.nextInt(3), (byte) random.nextInt(256),
                    (byte) random.nextInt(256)});
            IpAddress outside = IpAddress.of(new byte[]{(byte) (random.nextBoolean() ? 200 : 8), 1,
                    (byte) random.nextInt(256), (byte) random.nextInt(256)});
            g.add(IndexMembers.hostPair(local, outside));
            expected.computeIfAbsent(local, h -> new TreeSet<>()).add(outside);
            if (i % 7 == 0) {
                g.add(IndexMembers.hostPair(local, outside)); // a repeat from another bucket
            }
        }
        List<OutsideTalker> want = new ArrayList<>();
        expected.forEach((host, peers) -> want.add(new OutsideTalker(host, List.copyOf(peers))));
        assertEquals(want, g.results());
    }
}

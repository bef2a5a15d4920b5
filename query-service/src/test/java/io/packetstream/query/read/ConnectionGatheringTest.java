package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.query.read.QueryResult.ActiveConnection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Question 1 from raw hash entries: each connection's windows merged over pages (sensors, shards, partitions)
 * and both seconds, active ones in answer order, entries that do not decode skipped with their reason.
 */
class ConnectionGatheringTest {

    private static final long SECOND_B = 1_795_253_892L;
    private static final long B = SECOND_B * CaptureTime.NANOS_PER_SECOND;
    private static final long T = B + 300_000_000;

    private static Connection connection(int protocol, String a, int aPort, String b, int bPort) {
        Endpoint x = new Endpoint(IpAddress.parse(a), aPort);
        Endpoint y = new Endpoint(IpAddress.parse(b), bPort);
        return x.compareTo(y) <= 0 ? new Connection(protocol, x, y) : new Connection(protocol, y, x);
    }

    private static ReplyStrings page(Object... fieldsAndValues) {
        List<byte[]> strings = new ArrayList<>();
        for (Object o : fieldsAndValues) {
            strings.add(o instanceof Connection c ? c.encode() : o instanceof ActiveWindow w ? w.encode() : (byte[]) o);
        }
        return ReplyStrings.of(strings);
    }

    private static ConnectionGathering.BadEntry none() {
        return (key, e) -> {
            throw new AssertionError("nothing should be skipped, " + key + ": " + e.getMessage());
        };
    }

    @Test
    void windowsOfSeveralSensorsMerge() {
        Connection c = connection(IpPacket.TCP, "10.0.0.1", 51515, "172.16.9.33", 80);
        ConnectionGathering g = new ConnectionGathering();
        g.add("b1", true, page(c, new ActiveWindow(600_000_000, 700_000_000)), none());
        g.add("b2", true, page(c, new ActiveWindow(200_000_000, 250_000_000)), none());
        g.add("a1", false, page(c, new ActiveWindow(10, 20)), none());
        // B's merged window is 0.2 … 0.7: its last packet is after t, its first is not
        assertEquals(List.of(new ActiveConnection(IpPacket.TCP, c.client(), c.server(), B + 200_000_000)),
                g.results(T));
    }

    @Test
    void answersAsTheDecodersAndComparatorsOfCoreWould() {
        Random random = new Random(7);
        List<Connection> connections = new ArrayList<>();
        int[] protocols = {IpPacket.TCP, IpPacket.UDP, IpPacket.ICMP, IpPacket.ICMPV6, 47, 132, 2};
        for (int i = 0; i < 3000; i++) {
            String a = random.nextInt(5) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(40))
                    : "10.0." + random.nextInt(4) + "." + random.nextInt(256);
            String b = random.nextInt(5) == 0 ? "fd00::" + Integer.toHexString(random.nextInt(40))
                    : (random.nextBoolean() ? "203.0.113." : "10.0.1.") + random.nextInt(256);
            // equal ports and 0xFFxx ports too: dst is then the lower address, and ports compare unsigned
            int aPort = random.nextInt(4) == 0 ? 443 : random.nextInt(65536);
            int bPort = random.nextInt(4) == 0 ? 443 : random.nextInt(3) == 0 ? 65535 : random.nextInt(1024);
            connections.add(connection(protocols[random.nextInt(protocols.length)], a, aPort, b, bPort));
        }
        Map<Connection, ActiveWindow[]> reference = new HashMap<>();
        ConnectionGathering g = new ConnectionGathering();
        for (int pageNumber = 0; pageNumber < 40; pageNumber++) {
            boolean secondB = pageNumber % 2 == 1;
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                Connection c = connections.get(random.nextInt(connections.size()));
                int first = random.nextInt(1_000_000_000);
                ActiveWindow w = new ActiveWindow(first, first + random.nextInt(1_000_000_000 - first));
                entries.add(c);
                entries.add(w);
                ActiveWindow[] both = reference.computeIfAbsent(c, x -> new ActiveWindow[2]);
                int s = secondB ? 1 : 0;
                both[s] = both[s] == null ? w : both[s].merge(w);
            }
            g.add("page" + pageNumber, secondB, page(entries.toArray()), none());
        }
        List<ActiveConnection> expected = new ArrayList<>();
        reference.forEach((c, both) -> {
            OptionalLong lastSeen = ActiveWindows.lastSeen(T, both[0], both[1]);
            lastSeen.ifPresent(t -> expected.add(new ActiveConnection(c.protocol(), c.client(), c.server(), t)));
        });
        expected.sort(Comparator.comparing((ActiveConnection r) -> IpPacket.protocolName(r.protocol()))
                .thenComparing(ActiveConnection::dst).thenComparing(ActiveConnection::src));
        assertTrue(expected.size() > 1000, "the data should make many connections active: " + expected.size());
        assertEquals(expected, g.results(T));
    }

    @Test
    void entriesThatDoNotDecodeAreSkippedWithTheirReason() {
        Connection good = connection(IpPacket.UDP, "10.0.0.1", 5353, "10.0.0.2", 53);
        byte[] cutShort = java.util.Arrays.copyOf(good.encode(), good.encode().length - 1);
        byte[] outOfOrder = good.encode();
        // swap the two IPv4 endpoints (7 bytes each) of the field: low after high
        byte[] swapped = outOfOrder.clone();
        System.arraycopy(outOfOrder, 8, swapped, 1, 7);
        System.arraycopy(outOfOrder, 1, swapped, 8, 7);
        List<String> reasons = new ArrayList<>();
        ConnectionGathering g = new ConnectionGathering();
        g.add("k", true, page(cutShort, new ActiveWindow(1, 2), swapped, new ActiveWindow(1, 2),
                good, new byte[7], good, new byte[]{0, 0, 0, 9, 0, 0, 0, 1},
                good, new ActiveWindow(100, 200)), (key, e) -> reasons.add(key + ": " + e.getMessage()));
        assertEquals(List.of("k: index member cut short",
                "k: endpoints out of order: " + good.high() + " > " + good.low(),
                "k: active-connection value must have 8 bytes, had 7",
                "k: bad window 9..1"), reasons);
        assertEquals(List.of(new ActiveConnection(IpPacket.UDP, good.client(), good.server(), B + 200)),
                g.results(T));
    }
}

package io.packetstream.core.index;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexMembersTest {

    private static final IpAddress SERVER = IpAddress.parse("172.16.9.33");
    private static final IpAddress CLIENT = IpAddress.parse("10.10.0.11");
    private static final IpAddress V6 = IpAddress.parse("2001:db8::80");

    @Test
    void connectionIsTheSameFromEitherDirectionAndShowsTheServiceAsDst() {
        Connection a = Connection.of(new IpPacket(CLIENT, SERVER, IpPacket.TCP, 51515, 80, true, 0, 0, 0));
        Connection b = Connection.of(new IpPacket(SERVER, CLIENT, IpPacket.TCP, 80, 51515, true, 0, 0, 0));
        assertEquals(a, b);
        assertArrayEquals(a.encode(), b.encode());
        assertEquals(a, Connection.decode(a.encode()));
        assertEquals(new Endpoint(SERVER, 80), a.server());
        assertEquals(new Endpoint(CLIENT, 51515), a.client());
    }

    @Test
    void onEqualPortsTheLowerAddressIsDst() {
        Connection c = Connection.of(new IpPacket(SERVER, CLIENT, IpPacket.ICMP, 0, 0, false, 0, 0, 0));
        assertEquals(CLIENT, c.server().address());
        assertEquals(SERVER, c.client().address());
    }

    @Test
    void peerMembersOfOneHostAndPortFallInsideTheirLexRange() {
        byte[] start = IndexMembers.peerPrefix(SERVER, 80);
        byte[] end = IndexMembers.peerPrefixEnd(SERVER, 80);
        for (IpAddress peer : new IpAddress[]{CLIENT, V6, IpAddress.parse("255.255.255.255"),
                IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")}) {
            byte[] member = IndexMembers.peer(SERVER, 80, peer);
            assertTrue(Arrays.compareUnsigned(start, member) <= 0 && Arrays.compareUnsigned(member, end) <= 0);
            assertEquals(peer, IndexMembers.peerOf(member));
        }
        byte[] otherPort = IndexMembers.peer(SERVER, 81, CLIENT);
        assertTrue(Arrays.compareUnsigned(otherPort, end) > 0);
        byte[] otherHost = IndexMembers.peer(IpAddress.parse("172.16.9.34"), 80, CLIENT);
        assertTrue(Arrays.compareUnsigned(otherHost, end) > 0);
    }

    @Test
    void serviceAndHostPairMembersRoundTrip() {
        assertEquals(new Endpoint(V6, 443), IndexMembers.serviceOf(IndexMembers.service(V6, 443)));
        IpAddress[] pair = IndexMembers.hostPairOf(IndexMembers.hostPair(CLIENT, V6));
        assertEquals(CLIENT, pair[0]);
        assertEquals(V6, pair[1]);
    }

    @Test
    void corruptMembersFailClearly() {
        assertThrows(IllegalArgumentException.class, () -> IndexMembers.serviceOf(new byte[]{4, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> IndexMembers.serviceOf(new byte[]{5, 1, 2, 3, 4, 5, 0, 80}));
        assertThrows(IllegalArgumentException.class, () -> Connection.decode(new byte[0]));
    }

    @Test
    void activeWindowMergesAndRoundTrips() {
        ActiveWindow w = new ActiveWindow(5, 900_000_000).merge(new ActiveWindow(1, 10));
        assertEquals(new ActiveWindow(1, 900_000_000), w);
        assertEquals(w, ActiveWindow.decode(w.encode()));
        assertThrows(IllegalArgumentException.class, () -> new ActiveWindow(10, 5));
    }
}

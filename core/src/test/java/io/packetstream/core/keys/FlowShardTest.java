package io.packetstream.core.keys;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowShardTest {

    @Test
    void bothDirectionsOfAFlowLandOnOneShard() {
        for (int port = 1000; port < 1500; port++) {
            IpPacket out = packet("10.0.0.1", port, "203.0.113.80", 80);
            IpPacket back = packet("203.0.113.80", 80, "10.0.0.1", port);
            assertEquals(FlowShard.of(out, 8), FlowShard.of(back, 8));
        }
    }

    @Test
    void flowsSpreadOverEveryShard() {
        int[] counts = new int[4];
        for (int port = 1000; port < 5000; port++) {
            counts[FlowShard.of(packet("10.0.0.1", port, "203.0.113.80", 443), 4)]++;
        }
        for (int count : counts) {
            assertTrue(count > 800, "uneven spread " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void needsAtLeastOneShard() {
        assertThrows(IllegalArgumentException.class, () -> FlowShard.of(packet("10.0.0.1", 1, "10.0.0.2", 2), 0));
    }

    private static IpPacket packet(String src, int srcPort, String dst, int dstPort) {
        return new IpPacket(IpAddress.parse(src), IpAddress.parse(dst), IpPacket.TCP, srcPort, dstPort, true, 0, 0, 0);
    }
}

package io.packetstream.agent.publish;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.core.address.IpAddress;
import io.packetstream.testsupport.frames.Frames;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardRouterTest {

    private final AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
    private final ShardRouter router = new ShardRouter(8, metrics);

    @Test
    void bothDirectionsOfAFlowLandOnOneShardAndFlowsSpreadOverShards() {
        Set<Integer> used = new HashSet<>();
        for (int port = 40_000; port < 40_064; port++) {
            IpAddress client = IpAddress.parse("10.0.0.1");
            IpAddress server = IpAddress.parse("172.16.9.33");
            byte[] request = Frames.tcp(client, port, server, 80, 0x02, new byte[0]);
            byte[] reply = Frames.tcp(server, 80, client, port, 0x12, new byte[0]);
            int shard = router.shardOf(1, request, 0, request.length);
            assertEquals(shard, router.shardOf(1, reply, 0, reply.length), "flow from port " + port);
            used.add(shard);
        }
        assertTrue(used.size() > 4, "64 flows used only shards " + used);
        assertTrue(metrics.snapshot().malformed().isEmpty());
    }

    @Test
    void framesWithoutIpGoToShardZeroAndMalformedOnesAreCountedByReason() {
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertEquals(0, router.shardOf(1, arp, 0, arp.length));
        byte[] udp = Frames.udp(IpAddress.parse("10.0.0.1"), 5353, IpAddress.parse("10.0.0.2"), 53, new byte[20]);
        assertEquals(0, router.shardOf(1, udp, 0, 20), "IPv4 header cut short");
        assertEquals(0, router.shardOf(147, udp, 0, udp.length), "link type nobody decodes");
        Map<String, Long> malformed = metrics.snapshot().malformed();
        assertEquals(1L, malformed.get("unknown_link_type"));
        assertEquals(1L, malformed.values().stream().mapToLong(Long::longValue).sum() - 1);
    }
}

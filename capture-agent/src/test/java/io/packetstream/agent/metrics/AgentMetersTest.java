package io.packetstream.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentMetersTest {

    @Test
    void everyMeterHasALowercaseDottedAgentNameADescriptionAndAUnit() {
        Set<String> names = new HashSet<>();
        for (AgentMeters m : AgentMeters.values()) {
            assertTrue(m.meterName().matches("packetstream\\.agent\\.[a-z]+(\\.[a-z]+)*"), m.meterName());
            assertFalse(m.description().isBlank(), m.name());
            assertFalse(m.baseUnit().isBlank(), m.name());
            assertTrue(names.add(m.meterName()), "duplicate " + m.meterName());
        }
    }

    @Test
    void countsAreReadBackFromTheRegistryUnderTheirTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AgentMetrics metrics = new AgentMetrics(registry);
        metrics.captured(100);
        metrics.captured(60);
        metrics.published(2);
        metrics.deduplicated();
        metrics.droppedBufferFull();
        metrics.droppedAtShutdown(3);
        metrics.malformed("truncated");
        metrics.malformed("truncated");
        metrics.fileReplayed("complete");
        metrics.pcapKernelDrops().set(5);
        assertEquals(2, count(registry, "packetstream.agent.packets.captured"));
        assertEquals(160, count(registry, "packetstream.agent.bytes.captured"));
        assertEquals(2, count(registry, "packetstream.agent.packets.published"));
        assertEquals(1, count(registry, "packetstream.agent.entries.published"));
        assertEquals(1, count(registry, "packetstream.agent.entries.deduplicated"));
        assertEquals(1, registry.get("packetstream.agent.packets.dropped").tag("reason", "buffer_full").functionCounter().count());
        assertEquals(3, registry.get("packetstream.agent.packets.dropped").tag("reason", "shutdown").functionCounter().count());
        assertEquals(2, registry.get("packetstream.agent.packets.malformed").tag("reason", "truncated").functionCounter().count());
        assertEquals(5, registry.get("packetstream.agent.pcap.dropped").tag("reason", "kernel").functionCounter().count());
        assertEquals(1, registry.get("packetstream.agent.files").tag("outcome", "complete").functionCounter().count());
        AgentCounts c = metrics.snapshot();
        assertEquals(4, c.dropped());
        assertEquals(2, c.malformedTotal());
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        FunctionCounter counter = registry.get(name).functionCounter();
        return counter.count();
    }
}

package io.packetstream.agent.progress;

import io.packetstream.agent.metrics.AgentCounts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void showsTotalsRatesOverTheIntervalAndTheShareOfTheFileRead() {
        AgentCounts before = counts(1_000_000, 600_000_000, 0, 0, 0);
        AgentCounts now = counts(2_250_000, 1_350_000_000, 2_200_000, 12, 0);
        String line = ProgressLine.format("big.pcap", now, before, 5_000_000_000L, 50_000, 0.4567);
        assertEquals("big.pcap: 2,250,000 packets, 250,000 packets/s, 150.0 MB/s, published 2,200,000, "
                + "dropped 12, buffered 50,000, 45.7% read", line);
    }

    @Test
    void liveLinesShowLibpcapDropsAndNoShareRead() {
        AgentCounts now = counts(10, 1000, 10, 0, 7);
        String line = ProgressLine.format("eth0", now, counts(0, 0, 0, 0, 0), 1_000_000_000L, 0, Double.NaN);
        assertEquals("eth0: 10 packets, 10 packets/s, 0.0 MB/s, published 10, dropped 0 (+ libpcap 7), buffered 0", line);
    }

    private static AgentCounts counts(long captured, long bytes, long published, long dropped, long pcap) {
        return new AgentCounts(captured, bytes, published, published / 64, dropped, 0, 0, pcap, 0, Map.of(), Map.of());
    }
}

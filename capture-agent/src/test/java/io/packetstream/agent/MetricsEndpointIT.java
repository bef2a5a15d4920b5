package io.packetstream.agent;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.core.metrics.MetricsServer;
import io.packetstream.core.metrics.Observability;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's counts as a Prometheus scraper sees them on {@code GET /metrics}. */
class MetricsEndpointIT {

    @Test
    void agentCountsAreServedInThePrometheusFormat() {
        PrometheusMeterRegistry registry = Observability.registry("agent");
        AgentMetrics metrics = new AgentMetrics(registry);
        metrics.captured(1500);
        metrics.published(1);
        metrics.droppedBufferFull();
        metrics.malformed("bad_header");
        metrics.pcapKernelDrops().set(3);
        DisposableServer server = MetricsServer.start(registry, "127.0.0.1", 0);
        try {
            StepVerifier.create(HttpClient.create().get().uri("http://127.0.0.1:" + server.port() + "/metrics")
                            .responseContent().aggregate().asString())
                    .assertNext(text -> {
                        for (String line : new String[]{
                                "packetstream_agent_packets_captured_packets_total{component=\"agent\",} 1.0",
                                "packetstream_agent_bytes_captured_bytes_total{component=\"agent\",} 1500.0",
                                "packetstream_agent_packets_published_packets_total{component=\"agent\",} 1.0",
                                "packetstream_agent_packets_dropped_packets_total{component=\"agent\",reason=\"buffer_full\",} 1.0",
                                "packetstream_agent_packets_malformed_packets_total{component=\"agent\",reason=\"bad_header\",} 1.0",
                                "packetstream_agent_pcap_dropped_packets_total{component=\"agent\",reason=\"kernel\",} 3.0"}) {
                            assertTrue(text.contains(line), line + " missing from\n" + text);
                        }
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        } finally {
            server.disposeNow();
        }
    }
}

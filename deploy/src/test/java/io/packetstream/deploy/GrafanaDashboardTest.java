package io.packetstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.agent.metrics.AgentMeters;
import io.packetstream.core.metrics.MeterSpec;
import io.packetstream.core.metrics.Observability;
import io.packetstream.indexer.IndexerMeters;
import io.packetstream.query.QueryMeters;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/grafana/packetstream.json} must only chart series the three programs export: every
 * {@code packetstream_*} and {@code jvm_*} name in its queries is looked up among the series Prometheus scrapes
 * from the programs' meter enums (each registered the way Micrometer names it) and their JVM metrics.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("grafana", "packetstream.json");
    /** Series names in PromQL: ours, the JVM's, and Redis's from redis_exporter (not a program of ours). */
    private static final Pattern SERIES = Pattern.compile("\\b((?:packetstream|jvm|process|redis)_[a-z0-9_]+)");

    @Test
    void everySeriesTheDashboardChartsIsExportedByAProgram() throws Exception {
        Set<String> exported = exported();
        List<String> referenced = referenced();
        assertTrue(referenced.size() >= 10, "the dashboard charts little: " + referenced);
        List<String> unknown = referenced.stream()
                .filter(name -> !name.startsWith("redis_") && !exported.contains(name)).toList();
        assertEquals(List.of(), unknown, "series no program exports (Micrometer names counters <name>_<unit>_total, "
                + "gauges <name>_<unit>, timers <name>_seconds with quantiles, _count, _sum, _max)");
    }

    @Test
    void theDashboardCoversWhatOperatorsAskFirst() throws Exception {
        List<String> names = referenced();
        for (String needed : List.of("packetstream_agent_packets_published", "packetstream_indexer_lag",
                "packetstream_agent_packets_dropped", "packetstream_indexer_commit_latency",
                "packetstream_query_requests_seconds", "packetstream_query_subscribers")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(needed)), needed + " is not charted");
        }
    }

    /** @return every series name in the dashboard's queries */
    private static List<String> referenced() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SERIES.matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * @return the series names a scrape shows: each meter registered as a counter, a timer and a gauge (its kind is
     * the program's business; any of them is a name it may export), plus the JVM metrics every program binds
     */
    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        List<MeterSpec> specs = Stream.of(AgentMeters.values(), IndexerMeters.values(), QueryMeters.values())
                .flatMap(Stream::of).map(MeterSpec.class::cast).toList();
        PrometheusMeterRegistry counters = Observability.registry("test");
        PrometheusMeterRegistry timers = Observability.registry("test");
        PrometheusMeterRegistry gauges = Observability.registry("test");
        for (MeterSpec spec : specs) {
            spec.counter(counters).increment();
            spec.timer(timers).record(java.time.Duration.ofMillis(1));
            spec.gauge(gauges, new Object(), o -> 1.0);
        }
        for (PrometheusMeterRegistry r : List.of(counters, timers, gauges)) {
            for (String line : r.scrape().split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }
}

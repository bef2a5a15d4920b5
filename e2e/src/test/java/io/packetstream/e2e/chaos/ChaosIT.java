package io.packetstream.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.e2e.GoldenAnswers;
import io.packetstream.e2e.IndexCounts;
import io.packetstream.e2e.QueryClient;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos suite: the golden captures replayed by agent processes into a Redis that is killed and restarted (AOF,
 * {@code appendfsync always}), indexed by several indexer processes that are killed or frozen (SIGSTOP past their
 * lease) at random and contend for the shards with a short lease, while agent runs are killed mid-file and run again. At the end every question must
 * answer exactly what the independent reference computed, and the index must hold every packet once: none lost,
 * none counted twice. A seed ({@code -Dchaos.seed=N}, printed first) draws the faults; the report of faults and
 * counts is printed and written to {@code target/chaos-report.txt}.
 */
@Tag("chaos")
class ChaosIT {

    private static final Path TARGET = Path.of("target");

    @Test
    @Timeout(300)
    void everyAnswerIsExactAfterKillsRestartsAndContention() throws Exception {
        ChaosOptions options = ChaosOptions.fromSystemProperties();
        ChaosReport report = new ChaosReport();
        report.line("chaos seed " + options.seed() + " (run again with -Dchaos.seed=" + options.seed() + "); "
                + options.indexers() + " indexers, " + options.shards() + " shards, lease " + options.lease().toMillis()
                + " ms, faults " + options.kinds());
        GoldenAnswers golden = GoldenAnswers.load("pipeline.json");
        List<GoldenAnswers.Capture> captures = golden.captures();
        FaultPlan plan = FaultPlan.draw(options, captures.stream().map(GoldenAnswers.Capture::sensor).toList());
        plan.agentKills().forEach((sensor, points) -> report.line("plan: agent " + sensor + " killed " + points.size()
                + " time(s)"));
        Path logs = TARGET.resolve("chaos-logs");
        deleteLogs(logs);
        List<String> wrong = new ArrayList<>();
        try (ChaosCluster cluster = ChaosCluster.start(options, logs)) {
            FaultInjector injector = new FaultInjector(cluster, plan, options.faults(), report);
            injector.start();
            List<AgentReplays.Outcome> agents = new AgentReplays(cluster, plan, report).replay(captures);
            int injected = injector.finish();
            report.event("every capture replayed and all " + injected + " background faults over");
            wrong.addAll(injector.exitedByThemselves());
            for (String dead : cluster.deadIndexers()) {
                wrong.add(dead + " exited by itself");
            }
            IndexCounts counts = new IndexCounts(cluster.binaryRedis(), cluster.keys(), cluster.shards());
            if (counts.awaitDrained(Duration.ofSeconds(60))) {
                report.event("streams drained: nothing pending, nothing undelivered");
            } else {
                wrong.add("the indexers did not drain the streams within 60 s (pending or lag left)");
            }
            count(report, wrong, captures, agents, counts, logs);
            compareAnswers(report, wrong, golden, cluster);
        } finally {
            report.line(wrong.isEmpty() ? "RESULT: no loss, no double count, every answer exact"
                    : "RESULT: " + wrong.size() + " problem(s):\n  " + String.join("\n  ", wrong));
            report.write(TARGET.resolve("chaos-report.txt"));
        }
        assertTrue(wrong.isEmpty(), () -> "seed " + options.seed() + ": " + String.join("\n", wrong));
    }

    /** Packets lost or counted twice, per sensor, against the reference's totals; what the programs reported. */
    private static void count(ChaosReport report, List<String> wrong, List<GoldenAnswers.Capture> captures,
                              List<AgentReplays.Outcome> agents, IndexCounts counts, Path logs) throws IOException {
        Map<String, IndexCounts.Totals> indexed = counts.volumeBySensor();
        long expectedTotal = 0;
        for (GoldenAnswers.Capture c : captures) {
            IndexCounts.Totals got = indexed.getOrDefault(c.sensor(), new IndexCounts.Totals(0, 0));
            long lost = Math.max(0, c.ipPackets() - got.packets());
            long doubled = Math.max(0, got.packets() - c.ipPackets());
            report.line(String.format("%s: %d IP packets (%d bytes) expected, %d (%d bytes) indexed: lost %d, double counted %d",
                    c.sensor(), c.ipPackets(), c.ipBytes(), got.packets(), got.bytes(), lost, doubled));
            if (got.packets() != c.ipPackets() || got.bytes() != c.ipBytes()) {
                wrong.add(c.sensor() + ": indexed " + got + ", the reference counts " + c.ipPackets() + " packets, "
                        + c.ipBytes() + " bytes");
            }
            expectedTotal += c.ipPackets();
        }
        long meta = counts.metaPackets();
        report.line("indexers' own count (meta packets): " + meta + " of " + expectedTotal);
        if (meta != expectedTotal) {
            wrong.add("meta packets " + meta + ", expected " + expectedTotal);
        }
        long deadLetters = counts.deadLetters();
        report.line("dead letters: " + deadLetters);
        if (deadLetters != 0) {
            wrong.add(deadLetters + " dead letters (every entry was well formed)");
        }
        // one packet an entry: a rerun that published again instead of resuming leaves more entries than packets
        long entries = counts.streamEntries();
        long packets = captures.stream().mapToLong(GoldenAnswers.Capture::packets).sum();
        report.line("stream entries: " + entries + " for " + packets + " packets captured: "
                + Math.max(0, entries - packets) + " stored twice, " + Math.max(0, packets - entries) + " missing");
        if (entries != packets) {
            wrong.add(entries + " stream entries for " + packets + " packets of one entry each");
        }
        List<String> announced = counts.announcedEntries();
        long twice = announced.size() - announced.stream().distinct().count();
        report.line("entries announced as indexed on the change streams: " + announced.size() + ", twice: " + twice);
        if (twice != 0 || announced.size() > entries) {
            wrong.add("change streams announce " + announced.size() + " entries indexed, " + twice + " of them twice");
        }
        for (AgentReplays.Outcome a : agents) {
            report.line(String.format("agent %s: %d run(s), %d killed; last run captured %d, published %d, dropped %d, malformed %d",
                    a.sensor(), a.runs(), a.kills(), a.captured(), a.published(), a.dropped(), a.malformed()));
            if (a.dropped() != 0 || a.published() != a.captured()) {
                wrong.add("agent " + a.sensor() + " reported " + a.dropped() + " dropped, published " + a.published()
                        + " of " + a.captured());
            }
        }
        report.line("indexer runs: " + logLines(logs, "indexer-", "").size() + ", shard hand-overs: "
                + logLines(logs, "indexer-", ": writing as ").size() + ", batches a dead writer committed and another finished: "
                + logLines(logs, "indexer-", "committed but did not acknowledge").size() + ", warnings: "
                + logLines(logs, "indexer-", " WARN ").size() + ", leases lost while alive: "
                + logLines(logs, "indexer-", "lost the lease").size() + ", errors: " + logLines(logs, "indexer-", " ERROR ").size());
    }

    /** Every golden case over HTTP, from a query service started once the faults are over. */
    private static void compareAnswers(ChaosReport report, List<String> wrong, GoldenAnswers golden,
                                       ChaosCluster cluster) throws Exception {
        try (QueryService query = QueryService.start(QueryOptions.defaults().withPort(0),
                RedisOptions.of(cluster.redisUri()), cluster.keys(), new SimpleMeterRegistry())) {
            QueryClient client = new QueryClient(query.uri());
            int exact = 0;
            for (JsonNode c : golden.cases()) {
                JsonNode answer = client.get(c.path("path").asText(), GoldenAnswers.params(c), "application/json");
                try {
                    GoldenAnswers.assertAnswer(c, (ArrayNode) answer.path("results"));
                    exact++;
                } catch (AssertionError e) {
                    wrong.add(c.path("name").asText() + ": " + e.getMessage());
                }
            }
            report.event("answers equal to the reference: " + exact + " of " + golden.cases().size());
        }
    }

    /** @return lines containing {@code text} in the logs whose file names start with {@code prefix}; "" gives one per file */
    private static List<String> logLines(Path logs, String prefix, String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                if (text.isEmpty()) {
                    found.add(f.getFileName().toString());
                } else {
                    Files.readAllLines(f).stream().filter(l -> l.contains(text)).forEach(found::add);
                }
            }
        }
        return found;
    }

    private static void deleteLogs(Path logs) throws IOException {
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}

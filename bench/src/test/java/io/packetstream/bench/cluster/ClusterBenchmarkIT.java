package io.packetstream.bench.cluster;

import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.indexer.IndexerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole cluster benchmark on a tiny capture: real redis-server nodes, agent and indexers in this JVM. */
class ClusterBenchmarkIT {

    private static final long PACKETS = 5_000;

    @Test
    void everyConfigurationIndexesTheWholeCaptureAndReportsEveryMaster(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<ConfigResult> results = new ClusterBenchmark(PACKETS, 20_000, dir, ClusterBenchmark.DEFAULT_REPLICAS,
                PublishOptions.DEFAULT_REPLICA_WAIT, IndexerOptions.DEFAULT_BATCH_ENTRIES, true)
                .measure(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(Configuration.STANDARD, results.stream().map(ConfigResult::config).toList());
        for (ConfigResult r : results) {
            assertEquals(PACKETS, r.packets(), "the capture's own count");
            assertEquals(PACKETS, r.indexed(), r.config() + ": indexed with agent and indexers together");
            assertEquals(PACKETS, r.indexedAlone(), r.config() + ": indexed alone");
            assertEquals(ClusterBenchmark.MASTERS, r.masters().size());
            String section = section(report, r.config());
            assertEquals(ClusterBenchmark.MASTERS, Pattern.compile("(?m)^:\\d+ ").matcher(section).results().count(),
                    "a line per master:\n" + section);
            assertTrue(section.contains(String.format("indexed %,d of %,d ok", PACKETS, PACKETS)), section);
            assertTrue(section.contains("busiest :"), section);
        }
        // one shard per master once the slots are spread: with 3 shards every master holds one
        ConfigResult three = results.get(2);
        assertTrue(three.masters().stream().allMatch(n -> n.together().used().commands().size() > 0),
                "every master served commands with 3 shards");
        assertTrue(report.contains("-- what limits it --") && report.contains("for 1,000,000 packets/s:"), report);
        assertTrue(dir.resolve("cluster-report.txt").toFile().length() > 0, "the report is written too");
    }

    /** @return the report's text from the configuration's heading to the next heading */
    private static String section(String report, Configuration config) {
        int start = report.indexOf("-- " + config.describe() + " --");
        assertTrue(start >= 0, "a section for " + config.describe() + ":\n" + report);
        int end = report.indexOf("\n-- ", start + 1);
        return report.substring(start, end < 0 ? report.length() : end);
    }
}

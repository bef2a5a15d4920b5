package io.packetstream.indexer;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.Cidr;
import io.packetstream.core.cli.EnvironmentDefaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexerMainTest {

    private static IndexerOptions parse(String... args) {
        IndexerMain main = new IndexerMain();
        new CommandLine(main).parseArgs(args);
        return main.options();
    }

    @Test
    void flagsBecomeOptions() {
        IndexerOptions o = parse("--consumer", "idx-1", "--batch-entries", "8", "--block", "250ms", "--retention", "2d",
                "--lease", "5s", "--progress", "30s",
                "--local-networks", "10.0.0.0/8,2001:db8::/32", "--change-retention", "0s");
        assertEquals("idx-1", o.consumer());
        assertEquals(8, o.batchEntries());
        assertEquals(Duration.ofMillis(250), o.block());
        assertEquals(Duration.ofDays(2), o.retention());
        assertEquals(Duration.ofSeconds(5), o.lease());
        assertEquals(Duration.ofSeconds(30), o.progress());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32")), o.localNetworks());
        assertEquals(Duration.ZERO, o.changeRetention(), "no change stream");
    }

    @Test
    void changeRetentionAndLeaseDefaultToTheDocumentedDurations() {
        assumeNoEnv("PACKETSTREAM_CHANGE_RETENTION");
        assumeNoEnv("PACKETSTREAM_LEASE");
        assertEquals(IndexerOptions.DEFAULT_CHANGE_RETENTION, parse().changeRetention());
        assertEquals(Duration.ofMinutes(10), IndexerOptions.DEFAULT_CHANGE_RETENTION);
        assertEquals(IndexerOptions.DEFAULT_LEASE, parse().lease());
    }

    @Test
    void defaultLocalNetworksAreTheClassifiersDefaults() {
        assumeNoEnv("PACKETSTREAM_LOCAL_NETWORKS");
        assertEquals(AddressClassifier.DEFAULT_LOCAL, parse().localNetworks());
    }

    @Test
    void helpNamesEachFlagsVariableAndShowsTheDefaultsAsFlagText() {
        assumeNoEnv("PACKETSTREAM_LOCAL_NETWORKS");
        assumeNoEnv("PACKETSTREAM_RETENTION");
        for (CommandLine.Model.OptionSpec option : new CommandLine(new IndexerMain()).getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                String variable = EnvironmentDefaults.variable(option);
                assertTrue(String.join(" ", option.description()).contains("env " + variable), variable);
            }
        }
        String help = run("--help").out.replaceAll("\\s+", " ").replace(", ", ","); // unwrapped
        assertTrue(help.contains("default 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"), help);
        assertTrue(help.contains("PACKETSTREAM_RETENTION; default 7d"), help);
    }

    @Test
    void helpAndVersionExitZeroAndBadInputExitsTwoWithAMessage() {
        assertEquals(0, run("--help").code);
        Result version = run("--version");
        assertEquals(0, version.code);
        assertTrue(version.out.startsWith("packetstream indexer "), version.out);
        for (String[] bad : new String[][]{{"--batch-entries", "0"}, {"--block", "soon"},
                {"--local-networks", "10.0.0.0/33"}, {"--no-such-flag"}, {"--batch-entries", "x"},
                {"--change-retention", "-5s"}, {"--change-retention", "5"}, {"--lease", "1ms"}}) {
            Result r = run(bad);
            assertEquals(2, r.code, String.join(" ", bad));
            assertTrue(!r.err.isBlank(), "a message for " + String.join(" ", bad));
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new IndexerMain());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assumeNoEnv(String name) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(name) == null, name + " is set");
    }
}

package io.packetstream.agent;

import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.LiveOptions;
import io.packetstream.agent.source.TestCaptures;
import io.packetstream.core.cli.EnvironmentDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureAgentMainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CaptureAgentMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryFlagWithItsEnvironmentVariable() {
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String flag : List.of("--file", "--interface", "--filter", "--snaplen", "--[no-]promiscuous", "--sensor",
                "--shards", "--max-len", "--batch-packets", "--batch-bytes", "--linger", "--max-in-flight", "--buffer",
                "--buffer-bytes", "--connect-timeout", "--pace", "--progress", "--redis", "--namespace",
                "--metrics-port", "--version")) {
            assertTrue(help.contains(flag), flag + " missing from\n" + help);
        }
        for (CommandLine.Model.OptionSpec option : CaptureAgentMain.commandLine().getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                String variable = EnvironmentDefaults.variable(option);
                assertTrue(String.join(" ", option.description()).contains("env " + variable), variable);
                assertTrue(option.defaultValue() == null, option.longestName() + ": defaults come from constants");
            }
        }
        assertTrue(help.contains("PACKETSTREAM_BATCH_BYTES; default 256k"), help);
        assertTrue(help.contains("PACKETSTREAM_LINGER; default 5ms"), help);
    }

    @Test
    void versionNamesTheProgram() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("packetstream capture-agent "), out.toString());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        CaptureAgentMain main = parse("--file", "a.pcap");
        AgentOptions options = main.options();
        PublishOptions p = options.publish();
        // not told --shards: the run follows the namespace's count (1 for a new namespace)
        PublishOptions defaults = PublishOptions.builder(p.sensor()).followStoredShards(true).build();
        assertEquals(defaults, p);
        assertEquals(AgentOptions.DEFAULT_CONNECT_TIMEOUT, options.connectTimeout());
        assertEquals(AgentOptions.DEFAULT_PROGRESS, options.progress());
        assertEquals(0.0, options.pace());
        assertEquals(List.of(Path.of("a.pcap")), options.files());
        assertTrue(options.live().isEmpty());
        assertEquals("ps", options.keys().namespace());
        assertEquals(SensorNames.defaultSensor(), p.sensor());
    }

    @Test
    void flagsReachTheOptions() {
        AgentOptions options = parse("--file", "b.pcap", "--file", "a.pcapng,c.pcap", "--sensor", "edge-1",
                "--shards", "4", "--max-len", "5000", "--batch-packets", "16", "--batch-bytes", "64k", "--linger", "20ms",
                "--max-in-flight", "8", "--buffer", "1000", "--buffer-bytes", "1m", "--connect-timeout", "2s",
                "--pace", "2.5", "--progress", "1s", "--namespace", "lab").options();
        assertEquals(List.of(Path.of("b.pcap"), Path.of("a.pcapng"), Path.of("c.pcap")), options.files());
        PublishOptions p = options.publish();
        assertEquals(PublishOptions.builder("edge-1").shards(4).maxLen(5000).batchPackets(16).batchBytes(65536)
                .linger(Duration.ofMillis(20)).maxInFlight(8).bufferPackets(1000).bufferBytes(1 << 20).build(), p);
        assertEquals(Duration.ofSeconds(2), options.connectTimeout());
        assertEquals(2.5, options.pace());
        assertEquals("lab", options.keys().namespace());
        AgentOptions live = parse("--interface", "lo", "--filter", "udp port 53", "--snaplen", "96").options();
        assertEquals("udp port 53", live.live().orElseThrow().filter());
        assertEquals(96, live.live().orElseThrow().snaplen());
        assertEquals(PublishOptions.Overflow.DROP, live.publish().overflow());
        assertEquals(Duration.ofSeconds(1), live.publish().heartbeat(), "a live agent keeps its clock going");
        assertEquals(Duration.ZERO, p.heartbeat(), "a file replay sends no heartbeats");
        LiveOptions unfiltered = parse("--interface", "eth0").options().live().orElseThrow();
        assertEquals("", unfiltered.filter());
        assertEquals(LiveOptions.DEFAULT_SNAPLEN, unfiltered.snaplen());
        assertFalse(unfiltered.promiscuous());
        assertTrue(parse("--interface", "eth0", "--promiscuous").options().live().orElseThrow().promiscuous());
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertUsageError("give exactly one of --file");
        assertUsageError("give exactly one of --file", "--file", "a.pcap", "--interface", "lo");
        assertUsageError("shards must be at least 1", "--file", "a.pcap", "--shards", "0");
        assertUsageError("sensor 'a b'", "--file", "a.pcap", "--sensor", "a b");
        assertUsageError("--pace applies to --file replay only", "--interface", "lo", "--pace", "1");
        assertUsageError("is not a size", "--file", "a.pcap", "--batch-bytes", "lots");
        assertUsageError("is not a duration", "--file", "a.pcap", "--linger", "soon");
        assertUsageError("buffer-bytes must hold one maximal packet", "--file", "a.pcap", "--buffer-bytes", "1k");
    }

    @Test
    void unusableFilesFailWithOneClearLineBeforeRedisIsTouched() throws IOException {
        Path good = TestCaptures.own("lo-micro.pcap");
        assertError("missing.pcap: no such file", "--file", good.toString(), "--file", dir.resolve("missing.pcap").toString());
        Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture");
        assertError("notes.pcap is not a pcap or pcapng file (magic 0x6e6f7420)", "--file", text.toString());
        assertError("empty.pcap is empty", "--file", Files.createFile(dir.resolve("empty.pcap")).toString());
    }

    @Test
    void sensorNamesFromHostNamesAreSanitised() {
        assertEquals("web-01.example.org", SensorNames.sanitise("Web 01.example.org"));
        assertEquals("a".repeat(64), SensorNames.sanitise("a".repeat(80)));
        assertEquals("sensor", SensorNames.sanitise("  "));
        assertEquals("h-st-1", SensorNames.sanitise("h{st}1".replace("}", "-").replace("{", "-").substring(0, 6)));
    }

    private void assertError(String message, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[]{"--metrics-port", "-1", "--redis", "redis://127.0.0.1:1"}, 0, all, args.length, 4);
        assertEquals(1, run(all), err.toString());
        String text = err.toString().strip();
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.startsWith("capture-agent: error: ") && text.contains(message), text);
        err.getBuffer().setLength(0);
    }

    private void assertUsageError(String message, String... args) {
        assertEquals(2, run(args), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        err.getBuffer().setLength(0);
    }

    private static CaptureAgentMain parse(String... args) {
        CaptureAgentMain main = new CaptureAgentMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }
}

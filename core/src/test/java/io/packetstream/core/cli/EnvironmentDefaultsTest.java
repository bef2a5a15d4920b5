package io.packetstream.core.cli;

import io.packetstream.core.redis.RedisOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentDefaultsTest {

    @Command(name = "sample", mixinStandardHelpOptions = true, defaultValueProvider = EnvironmentDefaults.class)
    static final class Sample implements Runnable {
        static final Duration DEFAULT_LINGER = Duration.ofMillis(5);

        @Mixin
        RedisMixin redis;

        @Option(names = "--linger", converter = DurationConverter.class, description = "default ${DEFAULT-VALUE}")
        Duration linger = DEFAULT_LINGER;

        @Option(names = "--promiscuous", negatable = true, fallbackValue = "true")
        boolean promiscuous;

        @Option(names = "--file", split = ",")
        List<String> files = new ArrayList<>();

        @Option(names = "--sensor")
        String sensor;

        @Override
        public void run() {
        }
    }

    private static Sample parse(Map<String, String> env, String... args) {
        Sample sample = new Sample();
        new CommandLine(sample).setDefaultValueProvider(new EnvironmentDefaults(env)).parseArgs(args);
        return sample;
    }

    @Test
    void withoutFlagOrVariableTheConstantsHold() {
        Sample s = parse(Map.of());
        assertEquals(Sample.DEFAULT_LINGER, s.linger);
        assertEquals(RedisOptions.DEFAULT_COMMAND_TIMEOUT, s.redis.redisOptions().commandTimeout());
        assertEquals(List.of(RedisOptions.DEFAULT_URI), s.redis.redisOptions().uris());
        assertEquals("ps", s.redis.keySchema().namespace());
        assertFalse(s.promiscuous);
        assertEquals(List.of(), s.files);
        assertEquals(null, s.sensor, "no default: nothing is made up");
    }

    @Test
    void theVariableNamedAfterTheFlagBeatsTheConstantAndTheFlagBeatsBoth() {
        Map<String, String> env = Map.of("PACKETSTREAM_LINGER", "2s", "PACKETSTREAM_REDIS_TIMEOUT", "250ms",
                "PACKETSTREAM_PROMISCUOUS", "true", "PACKETSTREAM_FILE", "a.pcap,b.pcap",
                "PACKETSTREAM_REDIS", "redis://h1:1,redis://h2:2", "PACKETSTREAM_SENSOR", "s9");
        Sample s = parse(env);
        assertEquals(Duration.ofSeconds(2), s.linger);
        assertEquals(Duration.ofMillis(250), s.redis.redisOptions().commandTimeout());
        assertTrue(s.promiscuous);
        assertEquals(List.of("a.pcap", "b.pcap"), s.files);
        assertEquals(List.of("redis://h1:1", "redis://h2:2"), s.redis.redisOptions().uris());
        assertEquals("s9", s.sensor);

        Sample flags = parse(env, "--linger", "7m", "--no-promiscuous", "--file", "c.pcap", "--redis", "redis://h3:3");
        assertEquals(Duration.ofMinutes(7), flags.linger);
        assertFalse(flags.promiscuous);
        assertEquals(List.of("c.pcap"), flags.files, "the flag replaces the variable's list, not adds to it");
        assertEquals(List.of("redis://h3:3"), flags.redis.redisOptions().uris());
    }

    @Test
    void helpShowsTheConstantAsAUserWouldTypeIt() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Sample()).setDefaultValueProvider(new EnvironmentDefaults(Map.of()));
        assertEquals(0, cli.setOut(new PrintWriter(out)).execute("--help"));
        assertTrue(out.toString().contains("default 5ms"), out.toString());
        assertTrue(out.toString().contains("PACKETSTREAM_REDIS_TIMEOUT; default 5s"), out.toString());
    }

    @Test
    void variableNamesFollowTheFirstFlagName() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new Sample()).getCommandSpec();
        assertEquals("PACKETSTREAM_REDIS_TIMEOUT", EnvironmentDefaults.variable(spec.findOption("--redis-timeout")));
        assertEquals("PACKETSTREAM_PROMISCUOUS", EnvironmentDefaults.variable(spec.findOption("--promiscuous")));
    }
}

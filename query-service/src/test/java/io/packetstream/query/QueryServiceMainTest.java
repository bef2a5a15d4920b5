package io.packetstream.query;

import io.packetstream.core.cli.EnvironmentDefaults;
import io.packetstream.core.redis.RedisTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryServiceMainTest {

    private static QueryServiceMain parse(String... args) {
        QueryServiceMain main = new QueryServiceMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void defaultsMatchTheOptionsRecord() {
        assertEquals(QueryOptions.defaults(), parse().options());
        assertEquals("ps", parse().redis.keySchema().namespace());
    }

    @Test
    void flagsSetEveryOption() {
        QueryOptions o = parse("--host", "0.0.0.0", "--port", "0", "--query-timeout", "250ms", "--default-limit", "10",
                "--max-limit", "20", "--page-size", "5", "--page-entries", "3", "--whole-read", "9", "--redis", "redis://10.1.1.1:6380",
                "--namespace", "lab", "--subscriber-buffer", "7", "--heartbeat", "2s", "--idle-timeout", "5s",
                "--read-timeout", "2s", "--request-timeout", "3s", "--max-concurrent-scans", "2",
                "--max-subscriptions", "4", "--insecure").options();
        assertEquals(new QueryOptions("0.0.0.0", 0, Duration.ofMillis(250), 10, 20, 5, 3, 9,
                SubscriptionOptions.defaults().withSubscriberBuffer(7).withHeartbeat(Duration.ofSeconds(2)),
                new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(3), 2, 4,
                        ServerLimits.DEFAULT_RETRY_AFTER), SecurityOptions.none().withInsecure(true)), o);
    }

    @Test
    void theTokenComesFromAFileOrTheEnvironmentNeverAFlag(@TempDir Path dir) throws IOException {
        String secret = "s3cr3t-t0ken-0123456789";
        Path file = Files.writeString(dir.resolve("token"), secret + "\n");
        SecurityOptions fromFile = parse("--auth-token-file", file.toString()).options(Map.of()).security();
        assertEquals(Optional.of(BearerToken.of(secret)), fromFile.token());
        SecurityOptions fromEnv = parse().options(Map.of(QueryServiceMain.AUTH_TOKEN_ENV, secret)).security();
        assertEquals(Optional.of(BearerToken.of(secret)), fromEnv.token());
        assertEquals(Optional.empty(), parse().options(Map.of()).security().token());
        assertFalse(fromEnv.toString().contains(secret), fromEnv::toString);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse().options(
                Map.of(QueryServiceMain.AUTH_TOKEN_ENV, "short"))).getMessage().contains("at least 16"));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse("--auth-token", secret));
        assertEquals(new RedisTls(Optional.of(Path.of("ca.pem")), Optional.of(Path.of("c.pem")),
                Optional.of(Path.of("k.pem"))), parse("--redis-ca", "ca.pem", "--redis-client-cert", "c.pem",
                "--redis-client-key", "k.pem").redis.redisOptions().tls());
        assertEquals(RedisTls.defaults(), parse().redis.redisOptions().tls());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--tls-cert", "a.pem").options(Map.of()))
                .getMessage().contains("--tls-key"));
    }

    @Test
    void optionsOutOfRangeFailWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--port", "70000").options())
                .getMessage().startsWith("port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--default-limit", "5", "--max-limit", "4")
                .options()).getMessage().startsWith("default limit"));
        assertThrows(IllegalArgumentException.class, () -> QueryOptions.defaults().withQueryTimeout(Duration.ZERO));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--subscriber-buffer", "0").options())
                .getMessage().startsWith("subscriber buffer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--heartbeat", "0s").options())
                .getMessage().startsWith("heartbeat"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--idle-timeout", "0s").options())
                .getMessage().startsWith("idle timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--max-concurrent-scans", "0").options())
                .getMessage().startsWith("max concurrent scans"));
    }

    @Test
    void helpNamesTheEnvironmentVariables() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new QueryServiceMain()).setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (String env : new String[]{"PACKETSTREAM_PORT", "PACKETSTREAM_HOST", "PACKETSTREAM_REDIS",
                "PACKETSTREAM_QUERY_TIMEOUT", "PACKETSTREAM_MAX_LIMIT", "PACKETSTREAM_SUBSCRIBER_BUFFER",
                "PACKETSTREAM_HEARTBEAT", "PACKETSTREAM_IDLE_TIMEOUT", "PACKETSTREAM_MAX_CONCURRENT_SCANS",
                "PACKETSTREAM_MAX_SUBSCRIPTIONS"}) {
            assertTrue(out.toString().contains(env), env);
        }
        for (CommandLine.Model.OptionSpec option : cli.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                String variable = EnvironmentDefaults.variable(option);
                assertTrue(String.join(" ", option.description()).contains("env " + variable), variable);
            }
        }
        StringWriter version = new StringWriter();
        assertEquals(0, new CommandLine(new QueryServiceMain()).setOut(new PrintWriter(version)).execute("--version"));
        assertTrue(version.toString().startsWith("packetstream query-service "));
    }
}

package io.packetstream.e2e;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.testsupport.captures.CaptureFixtures;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every program, started from its jar as a user would, prints where it connects and why it cannot, but never the
 * Redis password: with the right password against a Redis that requires it, with a wrong one, and against a port
 * nobody listens on. All of stdout and stderr (logs included) is searched.
 */
class CredentialsInOutputIT {

    private static final String PASSWORD = "Zq7-distinctive-Secret";
    private static final String WRONG = "Wx4-another-Secret";
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private static RedisProcess redis;

    @BeforeAll
    static void startRedisWithPassword() {
        redis = RedisProcess.launch(RedisBinary.locate());
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().configSet("requirepass", PASSWORD);
        } finally {
            client.shutdown();
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static String url(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port();
    }

    private static String unreachable() {
        return "redis://admin:" + PASSWORD + "@127.0.0.1:" + RedisProcess.freePort();
    }

    @Test
    void agentPrintsNoPassword() throws Exception {
        String file = CaptureFixtures.file("ethernet.pcap").toString();
        Run ok = run("capture-agent", "summary:", "--redis", url(PASSWORD), "--file", file, "--sensor", "c1",
                "--namespace", "cred");
        assertTrue(ok.output().contains("redis://:***@127.0.0.1:" + redis.port()), ok.output());
        assertEquals(0, ok.exit(), ok.output());
        Run wrong = run("capture-agent", "error:", "--redis", url(WRONG), "--file", file, "--connect-timeout", "1s");
        assertTrue(wrong.output().contains("WRONGPASS"), wrong.output());
        Run down = run("capture-agent", "error:", "--redis", unreachable(), "--file", file, "--connect-timeout", "1s");
        assertTrue(down.output().contains("redis://admin:***@"), down.output());
        for (Run r : List.of(ok, wrong, down)) {
            assertNoPassword(r);
        }
    }

    @Test
    void indexerPrintsNoPassword() throws Exception {
        Run ok = run("indexer", "indexing", "--redis", url(PASSWORD), "--namespace", "cred", "--shards", "1");
        Run wrong = run("indexer", "cannot start", "--redis", url(WRONG));
        Run down = run("indexer", "cannot start", "--redis", unreachable());
        for (Run r : List.of(ok, wrong, down)) {
            assertNoPassword(r);
        }
    }

    @Test
    void queryServicePrintsNoPassword() throws Exception {
        Run ok = run("query-service", "listening on", "--redis", url(PASSWORD), "--port", "0");
        assertTrue(ok.output().contains("redis://:***@127.0.0.1:" + redis.port()), ok.output());
        // a wrong password is not waited out: the service does not start, and says why
        Run wrong = run("query-service", "query-service:", "--redis", url(WRONG), "--port", "0");
        assertTrue(wrong.output().contains("refused the credentials"), wrong.output());
        Run down = run("query-service", "listening on", "--redis", unreachable(), "--port", "0");
        Run bad = run("query-service", "query-service:", "--redis", "redis://:" + PASSWORD + "@[::1", "--port", "0");
        for (Run r : List.of(ok, wrong, down, bad)) {
            assertNoPassword(r);
        }
    }

    @Test
    void helpDoesNotShowAPasswordFromTheEnvironment() throws Exception {
        Run help = run("capture-agent", "--redis", List.of("PACKETSTREAM_REDIS", url(PASSWORD)), "--help");
        assertTrue(help.output().contains("--redis"), help.output());
        assertNoPassword(help);
    }

    private static void assertNoPassword(Run run) {
        assertFalse(run.output().contains(PASSWORD) || run.output().contains(WRONG), run.output());
        assertFalse(run.output().isBlank(), "nothing was printed, so nothing was checked");
    }

    /** What a program printed until it printed {@code marker} (then it is stopped) or exited. */
    private record Run(String output, int exit) {
    }

    private static Run run(String module, String marker, String... args) throws Exception {
        return run(module, marker, List.of(), args);
    }

    private static Run run(String module, String marker, List<String> env, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing; the reactor's package phase builds it");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PACKETSTREAM_REDIS");
        for (int i = 0; i + 1 < env.size(); i += 2) {
            builder.environment().put(env.get(i), env.get(i + 1));
        }
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), out), module + "-output");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && !text(out).contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (process.isAlive()) {
            Thread.sleep(500); // what follows the marker (e.g. a first warning) is checked too
            process.destroy();
        }
        int exit = process.waitFor(15, TimeUnit.SECONDS) ? process.exitValue() : -1;
        process.destroyForcibly();
        reader.join(5_000);
        String output = text(out);
        assertTrue(output.contains(marker), module + " never printed '" + marker + "':\n" + output);
        return new Run(output, exit);
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process exited
        }
    }
}

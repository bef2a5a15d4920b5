package io.packetstream.deploy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import redis.embedded.RedisServer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quick start's first command: the launcher starts an embedded Redis and the three programs from their jars,
 * replays the bundled sample, prints one example per question, and every example answers with results.
 */
class DemoIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void demoRunsThePipelineOnTheSampleAndEveryExampleAnswers() throws Exception {
        int port = freePort();
        Demo demo = runDemo("--exit-when-loaded", "--port", Integer.toString(port), "--jars", ROOT.toString(),
                "--redis", "");
        String output = demo.output();
        assertEquals(0, demo.exit(), output);
        assertTrue(output.contains("started an embedded Redis"), output);
        for (String path : new String[]{"/api/v1/connections/active", "/api/v1/volume", "/api/v1/hosts/connected-to",
                "/api/v1/hosts/well-known-services", "/api/v1/packets/containing", "/api/v1/hosts/talking-outside"}) {
            assertTrue(output.contains("curl -s 'http://127.0.0.1:" + port + path), "no example for " + path);
        }
        assertTrue(output.lines().filter(l -> l.startsWith("checked ")).allMatch(l -> l.matches("checked .*: 200, [1-9]\\d* results")),
                output);
    }

    /**
     * {@code --cluster}: a local 3-master, 3-replica Redis Cluster, two agents and two indexers; every example
     * answers, and every Redis node is gone once the launcher returns.
     */
    @Test
    void demoOnALocalClusterRunsTwoAgentsAndTwoIndexersAndStopsTheNodes() throws Exception {
        assumeTrue(onPath("redis-server") && onPath("redis-cli"), "needs redis-server and redis-cli on the PATH");
        Demo demo = runDemo("--exit-when-loaded", "--cluster", "--port", Integer.toString(freePort()), "--jars",
                ROOT.toString(), "--redis", "");
        String output = demo.output();
        assertEquals(0, demo.exit(), output);
        Matcher started = Pattern.compile("started a local Redis Cluster: 3 masters with 1 replica each on ports \\[([0-9, ]+)]")
                .matcher(output);
        assertTrue(started.find(), output);
        for (String child : new String[]{"[agent-1] ", "[agent-2] ", "[indexer-1] ", "[indexer-2] "}) {
            assertTrue(output.contains(child), "no output of " + child);
        }
        assertTrue(output.lines().filter(l -> l.startsWith("checked ")).count() >= 6, output);
        assertTrue(output.lines().filter(l -> l.startsWith("checked ")).allMatch(l -> l.matches("checked .*: 200, [1-9]\\d* results")),
                output);
        for (String port : started.group(1).split(", ")) {
            try (Socket s = new Socket()) {
                assertThrows(IOException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 500),
                        "a Redis node still listens on " + port);
            }
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, program)));
    }

    /** The demo's own lines and those of the three programs it copies never show the Redis password. */
    @Test
    void demoWithAPasswordProtectedRedisNeverPrintsThePassword() throws Exception {
        String password = "Qp9-demo-distinctive-Secret";
        int redisPort = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").setting("requirepass " + password).build();
        redis.start();
        try {
            Demo demo = runDemo("--exit-when-loaded", "--port", Integer.toString(freePort()), "--jars",
                    ROOT.toString(), "--redis", "redis://:" + password + "@127.0.0.1:" + redisPort);
            assertEquals(0, demo.exit(), demo.output());
            assertTrue(demo.output().contains("redis://:***@127.0.0.1:" + redisPort), demo.output());
            assertFalse(demo.output().contains(password), demo.output());
        } finally {
            redis.stop();
        }
    }

    private record Demo(int exit, String output) {
    }

    /** Runs the launcher in this JVM; what it and its children print to stdout and stderr is kept. */
    private static Demo runDemo(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(new TeeStream(originalOut, captured), true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(err);
            CommandLine cli = LauncherMain.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        synchronized (captured) {
            return new Demo(exit, captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}

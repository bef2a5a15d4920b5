package io.packetstream.deploy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick start's first command: the launcher starts an embedded Redis and the three programs from their jars,
 * replays the bundled sample, prints one example per question, and every example answers with results.
 */
class DemoIT {

    @Test
    void demoRunsThePipelineOnTheSampleAndEveryExampleAnswers() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            exit = new CommandLine(new LauncherMain()).execute("--exit-when-loaded", "--port", Integer.toString(port),
                    "--jars", root.toString(), "--redis", "");
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        assertTrue(output.contains("started an embedded Redis"), output);
        for (String path : new String[]{"/api/v1/connections/active", "/api/v1/volume", "/api/v1/hosts/connected-to",
                "/api/v1/hosts/well-known-services", "/api/v1/packets/containing", "/api/v1/hosts/talking-outside"}) {
            assertTrue(output.contains("curl -s 'http://127.0.0.1:" + port + path), "no example for " + path);
        }
        assertTrue(output.lines().filter(l -> l.startsWith("checked ")).allMatch(l -> l.matches("checked .*: 200, [1-9]\\d* results")),
                output);
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
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}

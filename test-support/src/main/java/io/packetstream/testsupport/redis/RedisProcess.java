package io.packetstream.testsupport.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} child process on a free loopback port, persisting nothing unless told to (extra
 * arguments win over the defaults), with its own work directory that every restart reuses.
 */
public final class RedisProcess extends TestRedis {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final File executable;
    private final int port;
    private final Path directory;
    private final List<String> extraArgs;
    private Process process;

    private RedisProcess(File executable, int port, List<String> extraArgs) {
        this.executable = executable;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        try {
            this.directory = Files.createTempDirectory("packetstream-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a plain server on a free port. */
    public static RedisProcess launch(File executable) {
        return launch(executable, freePort(), List.of());
    }

    /** Starts a server on {@code port} with extra {@code --name value} arguments (e.g. cluster settings). */
    public static RedisProcess launch(File executable, int port, List<String> extraArgs) {
        RedisProcess redis = new RedisProcess(executable, port, extraArgs);
        redis.start();
        return redis;
    }

    /** @return a TCP port nothing listens on right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(executable.getPath(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + executable, e);
        }
        awaitPong();
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /**
     * Kills the server with SIGKILL, as a crash or {@code kill -9} would: no final write, no goodbye to clients.
     * Its work directory stays, so {@link #start()} brings it back on the same port with whatever its append-only
     * file (when started with {@code --appendonly yes}) holds.
     */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** @return true while the server process lives (not stopped, killed or exited) */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the work directory: {@code --dir} of every start, so data files outlive a stop or kill */
    public Path directory() {
        return directory;
    }

    /** Freezes the server (SIGSTOP): it keeps its sockets but answers nothing, as a hung node would. */
    public synchronized void suspend() {
        signal("-STOP");
    }

    /** Lets a {@link #suspend() suspended} server go on (SIGCONT). */
    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    @Override
    public boolean canStopAndStart() {
        return true;
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; see " + directory);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + STARTUP);
    }
}

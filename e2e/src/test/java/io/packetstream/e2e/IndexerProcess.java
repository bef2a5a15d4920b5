package io.packetstream.e2e;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.IndexerMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An indexer in a child JVM (this test's class path, {@link IndexerMain}), so that it can be killed the hard way:
 * {@link #kill()} is SIGKILL, nothing of it runs after, its leases and pending entries stay behind as after a crash.
 */
final class IndexerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private IndexerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code indexer --consumer <consumer> --lease <lease> --block <block>}, its output in a file. */
    static IndexerProcess start(RedisOptions redis, KeySchema keys, String consumer, Duration lease, Duration block) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), IndexerMain.class.getName(),
                "--namespace", keys.namespace(), "--consumer", consumer, "--lease", lease.toMillis() + "ms",
                "--block", block.toMillis() + "ms",
                "--metrics-port", "-1"));
        try {
            Path log = Files.createTempFile("packetstream-indexer-" + consumer + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // the URLs through the environment, as a deployment passes secrets
            builder.environment().putAll(Map.of("PACKETSTREAM_REDIS", String.join(",", redis.uris())));
            return new IndexerProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an indexer process", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return what the indexer printed so far */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the indexer stops wherever it is, without giving anything back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

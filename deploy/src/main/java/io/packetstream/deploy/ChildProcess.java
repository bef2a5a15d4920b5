package io.packetstream.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One program of the pipeline running as a child JVM, its output copied to ours behind a {@code [name]} prefix.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * @param environment added to the child's environment: how a secret (the Redis URL) reaches it, since
     *                    arguments are visible to every user in {@code ps}
     */
    static ChildProcess start(String name, Path jar, List<String> args, Map<String, String> environment,
                              PrintStream out) {
        List<String> command = command(jar, args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Thread copier = new Thread(() -> copy(name, process, out), name + "-output");
            copier.setDaemon(true);
            copier.start();
            return new ChildProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * @return the child's command line: this JVM's java, exiting on OutOfMemoryError (a service that lingers
     *         half-alive after one answers nothing, /health included; better to die and be restarted)
     */
    static List<String> command(Path jar, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        command.addAll(args);
        return command;
    }

    private static void copy(String name, Process process, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("[" + name + "] " + line);
            }
        } catch (IOException ignored) {
            // the child exited
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the exit code, waiting for the child to finish */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

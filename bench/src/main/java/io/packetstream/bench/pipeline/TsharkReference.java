package io.packetstream.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The second reference: how long {@code tshark -n -q -z conv,ip -r FILE} takes to answer one question (IP
 * conversations) over the same capture file, in the same invocation. Run before our pipeline, with Redis idle, so
 * the two never share the CPU; the file is in the page cache for both.
 */
final class TsharkReference {

    static final List<String> ARGS = List.of("-n", "-q", "-z", "conv,ip", "-r");

    private TsharkReference() {
    }

    /** @return tshark's wall-clock seconds, or empty when tshark is not installed or fails */
    static OptionalDouble measure(Path file, PrintStream out) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tshark"));
        command.addAll(ARGS);
        command.add(file.toString());
        out.println("reference: " + String.join(" ", command) + " (output discarded)");
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            out.println("tshark is not installed; no tshark reference (" + e.getMessage() + ")");
            return OptionalDouble.empty();
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            out.println("tshark exited with " + exit + "; no tshark reference");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(seconds);
    }
}

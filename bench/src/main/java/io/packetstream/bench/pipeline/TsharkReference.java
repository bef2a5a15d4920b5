package io.packetstream.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The reference for a real capture: how long {@code tshark -n -q -z conv,ip} takes to answer one question (the IP
 * conversations) over the same file on the same machine. Empty when tshark is not installed.
 */
final class TsharkReference {

    private TsharkReference() {
    }

    /** @return tshark's seconds for the file, empty when tshark is missing or failed */
    static OptionalDouble seconds(Path capture, PrintStream out) throws InterruptedException {
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("tshark", "-n", "-q", "-z", "conv,ip", "-r", capture.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                out.println("tshark failed on " + capture + ": no tshark reference");
                return OptionalDouble.empty();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("reference: tshark -n -q -z conv,ip -r %s: %.2f s%n", capture, seconds);
            return OptionalDouble.of(seconds);
        } catch (IOException e) {
            out.println("tshark is not installed (" + e.getMessage() + "): no tshark reference");
            return OptionalDouble.empty();
        }
    }
}

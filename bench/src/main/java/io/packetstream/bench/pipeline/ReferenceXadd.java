package io.packetstream.bench.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference: redis-benchmark XADDing one record of the capture's mean size per command, pipelined, on the same
 * Redis. Ratio = our packets per second over its records per second.
 */
final class ReferenceXadd {

    static final int REQUESTS = 300_000;
    static final int CLIENTS = 4;
    static final int PIPELINE = 32;
    private static final Pattern RATE = Pattern.compile("([0-9.]+) requests per second");

    private ReferenceXadd() {
    }

    /** @return XADDs per second, or empty when redis-benchmark is not installed */
    static OptionalDouble measure(int port, int recordBytes, PrintStream out) throws IOException, InterruptedException {
        String field = "x".repeat(recordBytes);
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-n", Integer.toString(REQUESTS), "-c", Integer.toString(CLIENTS), "-P", Integer.toString(PIPELINE), "-q",
                "XADD", "bench:reference", "MAXLEN", "~", "1000000", "*", "p", field));
        out.printf("reference: redis-benchmark -n %d -c %d -P %d -q XADD bench:reference MAXLEN ~ 1000000 * p <%d bytes>%n",
                REQUESTS, CLIENTS, PIPELINE, recordBytes);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            out.println("redis-benchmark is not installed; no reference rate (" + e.getMessage() + ")");
            return OptionalDouble.empty();
        }
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(line -> output.append(line).append('\n'));
        }
        process.waitFor();
        Matcher m = RATE.matcher(output.toString().replace('\r', '\n'));
        double rate = -1;
        while (m.find()) {
            rate = Double.parseDouble(m.group(1));
        }
        if (rate <= 0) {
            throw new IllegalStateException("could not read redis-benchmark's rate from:\n" + output);
        }
        try (var socket = new java.net.Socket("127.0.0.1", port)) { // drop the reference stream before our run
            socket.getOutputStream().write("DEL bench:reference\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        }
        return OptionalDouble.of(rate);
    }
}

package io.packetstream.bench.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packetstream.bench.jvm.GcPauses;
import io.packetstream.bench.jvm.JitCompiler;
import io.packetstream.core.time.CaptureTime;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Measures each question's latency over HTTP on the loaded data, with parameters drawn from the data itself
 * (times inside the capture, host pairs and servers taken from question 6's answer).
 */
final class QueryLatency {

    /** Latencies of one question, in milliseconds. */
    record Figures(String question, int requests, double p50, double p99, double max, long results) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FULL_SCANS = 5;

    private final String base;
    private final BenchCapture capture;
    private final int requests;
    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    QueryLatency(String uri, BenchCapture capture, int requests) {
        this.base = uri.replaceAll("/$", "");
        this.capture = capture;
        this.requests = requests;
    }

    /** What the measured pass found, and the collections that ran during it. */
    record Measured(List<Figures> questions, String collections) {
    }

    /**
     * Asks every question once as a warm-up, as often as measured, then waits until the JIT compiler is quiet and
     * runs one full collection, then asks them again, measured. The query service shares this JVM with the agent and
     * indexer that just ran: it would otherwise pay for compiling its code and for collecting their garbage (mixed
     * collections of 13-14 ms during question 1 were seen), which a query service of its own pays once, if ever.
     */
    Measured measure(PrintStream out) throws IOException, InterruptedException {
        JsonNode talkers = get("/api/v1/hosts/talking-outside", Map.of()).path("results");
        List<String[]> pairs = new ArrayList<>();
        talkers.forEach(t -> t.path("outsidePeers").forEach(p -> pairs.add(new String[]{t.path("host").asText(), p.asText()})));
        if (pairs.isEmpty()) {
            // a real capture may have no local host talking outside: no host pairs to ask questions 2 and 3 about
            out.println("question 6 found no local host talking outside: questions 2 and 3 not measured");
        }
        ask(pairs);
        long compiling = JitCompiler.awaitQuiet();
        System.gc();
        out.printf("query warm-up: every question asked as often as measured (not reported), %.1f s until the JIT "
                + "compiler was quiet, one full collection%n", compiling / 1000.0);
        GcPauses collections = GcPauses.start();
        List<Figures> figures = ask(pairs);
        out.println("queried " + figures.size() + " questions");
        return new Measured(figures, collections.since());
    }

    private List<Figures> ask(List<String[]> pairs) throws IOException, InterruptedException {
        List<Figures> figures = new ArrayList<>();
        figures.add(time("1 active connections", requests, () -> Map.of("at", randomTime()), "/api/v1/connections/active"));
        if (!pairs.isEmpty()) {
            figures.add(time("2 volume between hosts", requests, () -> {
                String[] pair = pairs.get(random.nextInt(pairs.size()));
                return Map.of("a", pair[0], "b", pair[1]);
            }, "/api/v1/volume"));
            figures.add(time("3 hosts connected to X:80", requests, () -> {
                String[] pair = pairs.get(random.nextInt(pairs.size()));
                return Map.of("ip", random.nextBoolean() ? pair[1] : "10.1.0." + (1 + random.nextInt(40)), "port", "80");
            }, "/api/v1/hosts/connected-to"));
        }
        figures.add(time("4 well-known services", requests, this::wholeOrMinute, "/api/v1/hosts/well-known-services"));
        figures.add(time("6 talking outside", requests, this::wholeOrMinute, "/api/v1/hosts/talking-outside"));
        figures.add(time("5 containing 35AFF8 (all)", FULL_SCANS, () -> Map.of("hex", "35AFF8", "limit", "100000"),
                "/api/v1/packets/containing"));
        return figures;
    }

    private Map<String, String> wholeOrMinute() {
        if (random.nextBoolean()) {
            return Map.of();
        }
        long from = randomNanos();
        return Map.of("from", CaptureTime.format(from), "to", CaptureTime.format(from + CaptureTime.NANOS_PER_MINUTE));
    }

    private String randomTime() {
        return CaptureTime.format(randomNanos());
    }

    private long randomNanos() {
        return capture.firstNanos() + (long) (random.nextDouble() * (capture.lastNanos() - capture.firstNanos()));
    }

    private Figures time(String question, int count, Supplier<Map<String, String>> params, String path)
            throws IOException, InterruptedException {
        double[] millis = new double[count];
        long results = 0;
        for (int i = 0; i < count; i++) {
            Map<String, String> p = params.get();
            long start = System.nanoTime();
            byte[] body = fetch(path, p); // the clock stops at the last byte: parsing it is the client's work
            millis[i] = (System.nanoTime() - start) / 1e6;
            results += countResults(body);
        }
        Arrays.sort(millis);
        return new Figures(question, count, percentile(millis, 0.50), percentile(millis, 0.99), millis[count - 1],
                results / count);
    }

    /**
     * @return the elements of the answer's top-level {@code results} array, counted without building them: the
     * query service runs in this JVM, so a tree of every answer's rows would be garbage its requests pay for in
     * collector pauses (a production client runs elsewhere)
     */
    static long countResults(byte[] body) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (field.equals("results") && value == JsonToken.START_ARRAY) {
                    long count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        count++;
                    }
                    return count;
                }
                parser.skipChildren();
            }
            return 0;
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private JsonNode get(String path, Map<String, String> params) throws IOException, InterruptedException {
        return JSON.readTree(fetch(path, params));
    }

    private byte[] fetch(String path, Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        new LinkedHashMap<>(params).forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path + query))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + query + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}

package io.packetstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packetstream.core.redis.Credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launcher prints once the capture is indexed: where each part listens and one query per question,
 * taken from the sample's expected answers (so every example returns something).
 */
final class DemoGuide {

    /** One example request: a question and its path with query string. */
    record Example(String question, String pathAndQuery) {
    }

    private static final String EXPECTED = "/sample/demo.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUESTION_TAG = Pattern.compile("\\bq[1-6]\\b");

    private DemoGuide() {
    }

    /** @return the example of each question whose expected answer on the sample is not empty */
    static List<Example> examples(String sensor) {
        try (InputStream in = DemoGuide.class.getResourceAsStream(EXPECTED)) {
            if (in == null) {
                throw new IllegalStateException("the launcher jar holds no " + EXPECTED);
            }
            List<Example> examples = new ArrayList<>();
            for (JsonNode c : JSON.readTree(in).path("cases")) {
                if (c.path("results").isEmpty()) {
                    continue;
                }
                StringJoiner query = new StringJoiner("&");
                for (Iterator<Map.Entry<String, JsonNode>> it = c.path("params").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    String value = p.getKey().equals("sensor") ? sensor : p.getValue().asText();
                    query.add(p.getKey() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                String path = c.path("path").asText();
                examples.add(new Example(c.path("name").asText(), query.length() == 0 ? path : path + "?" + query));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + EXPECTED, e);
        }
    }

    /**
     * @return the dashboard's query string with every example's inputs ({@code ?q2.a=…&q2.b=…}), so the link
     * opens with each panel asked; the question's tag comes from the example's name ({@code demo-q2-volume})
     */
    static String dashboardQuery(List<Example> examples) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Example e : examples) {
            Matcher tag = QUESTION_TAG.matcher(e.question());
            int start = e.pathAndQuery().indexOf('?');
            if (tag.find() && start >= 0) {
                for (String parameter : e.pathAndQuery().substring(start + 1).split("&")) {
                    query.add(tag.group() + "." + parameter);
                }
            }
        }
        return query.toString();
    }

    static void print(LocalPipeline pipeline, List<Example> examples, PrintStream out) {
        String base = pipeline.queryUrl();
        out.println();
        out.println("packetstream is running. The sample capture is indexed.");
        out.println("  dashboard         " + base + "/" + dashboardQuery(examples));
        out.println("  health            " + base + "/health");
        out.println("  metrics           " + base + "/metrics (query), " + pipeline.indexerMetricsUrl()
                + " (indexer), agent: " + pipeline.agentMetricsUrl() + " (gone once its replay ended)");
        out.println("  redis             " + Credentials.mask(pipeline.redisUri()));
        out.println();
        out.println("Try the six questions:");
        for (Example example : examples) {
            out.println("  # " + example.question());
            out.println("  curl -s '" + base + example.pathAndQuery() + "'");
        }
        out.println("  # the packets of question 5 as a pcap for Wireshark:");
        examples.stream().filter(e -> e.pathAndQuery().startsWith("/api/v1/packets/containing")).findFirst()
                .ifPresent(e -> out.println("  curl -s -H 'Accept: application/vnd.tcpdump.pcap' '" + base
                        + e.pathAndQuery() + "' -o matches.pcap"));
        out.println();
    }

    /** Runs every example and checks it answers 200 with results; prints one line per example. */
    static boolean check(LocalPipeline pipeline, List<Example> examples, PrintStream out) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean allGood = !examples.isEmpty();
        for (Example example : examples) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + example.pathAndQuery()))
                    .timeout(Duration.ofSeconds(30)).build();
            String verdict;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int results = response.statusCode() == 200 ? JSON.readTree(response.body()).path("results").size() : 0;
                verdict = response.statusCode() + ", " + results + " results";
                allGood &= results > 0;
            } catch (IOException e) {
                verdict = "failed: " + e.getMessage();
                allGood = false;
            }
            out.println("checked " + example.question() + ": " + verdict);
        }
        return allGood;
    }
}

package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requests to one query service over HTTP, as a user sends them, with the answers parsed.
 */
public final class QueryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param uri the service's base URL, e.g. {@code http://127.0.0.1:8080/} */
    public QueryClient(String uri) {
        this.base = uri.replaceAll("/$", "");
    }

    /** @return the JSON body of a 200 answer; fails on any other status */
    public JsonNode get(String path, Map<String, String> params, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, params, accept);
        assertEquals(200, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    /** @return the lines of a 200 NDJSON answer */
    public ArrayNode getNdjson(String path, Map<String, String> params) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path, params, "application/x-ndjson");
        assertEquals(200, response.statusCode(), response::body);
        ArrayNode lines = JSON.createArrayNode();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** @return the answer as text, whatever its status */
    public HttpResponse<String> send(String path, Map<String, String> params, String accept)
            throws IOException, InterruptedException {
        return http.send(request(path, params, accept), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the answer as bytes (a pcap), whatever its status */
    public HttpResponse<byte[]> sendBytes(String path, Map<String, String> params, String accept)
            throws IOException, InterruptedException {
        return http.send(request(path, params, accept), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, Map<String, String> params, String accept) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String slash = path.startsWith("/") ? "" : "/";
        URI uri = URI.create(base + slash + path + (params.isEmpty() ? "" : "?" + query));
        return HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30)).build();
    }
}

package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A plain text/event-stream client: reads events on a thread of its own until closed.
 */
final class SseClient implements AutoCloseable {

    /** One server-sent event. */
    record Event(String name, String id, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;

    private SseClient(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a subscription, resuming after {@code lastEventId} when given. */
    static SseClient open(String url, Optional<String> lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered " + response.statusCode());
        }
        return new SseClient(response.body());
    }

    private void read() {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, id, JSON.readTree(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    /** @return the events so far named {@code name} */
    List<Event> events(String name) {
        return new ArrayList<>(events.stream().filter(e -> e.name().equals(name)).toList());
    }

    /** Waits until the events named {@code name} satisfy {@code done}; false on timeout. */
    boolean await(String name, Predicate<List<Event>> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (done.test(events(name))) {
                return true;
            }
            Thread.sleep(50);
        }
        return done.test(events(name));
    }

    @Override
    public void close() {
        lines.close();
    }
}

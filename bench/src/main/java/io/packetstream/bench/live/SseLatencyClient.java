package io.packetstream.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packetstream.core.record.PacketId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Holds an SSE subscription to a question-5 URL and records, for every packet event, now minus the millisecond of
 * the packet's stream entry id (when Redis accepted the agent's XADD).
 */
final class SseLatencyClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> indexing = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CountDownLatch answered = new CountDownLatch(1);

    private SseLatencyClient(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> new Thread(() -> read(r.body()), "sse-latency-client").start());
    }

    /**
     * Subscribes and waits for the subscription's first event, its answer: change events queue up behind it, so a
     * replay started earlier would time the answer too.
     *
     * @throws IllegalStateException when no answer came within {@link #ANSWER_TIMEOUT}
     */
    static SseLatencyClient subscribe(String url) throws InterruptedException {
        SseLatencyClient client = new SseLatencyClient(url);
        if (!client.answered.await(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("no answer event within " + ANSWER_TIMEOUT + " from " + url);
        }
        return client;
    }

    private void read(Stream<String> lines) {
        try {
            readAll(lines);
        } catch (UncheckedIOException e) {
            // closed: the subscription is over
        }
    }

    private void readAll(Stream<String> lines) {
        String event = "";
        String id = "";
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
                if (event.equals("answer")) {
                    answered.countDown();
                }
            } else if (line.startsWith("data:") && event.equals("change")) {
                long now = System.currentTimeMillis();
                try {
                    JsonNode packet = JSON.readTree(line.substring(5));
                    String entryId = PacketId.parse(packet.path("id").asText()).entryId();
                    long xadd = Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
                    samples.add(now - xadd);
                    // the event id holds the change-stream entry (written by the indexer's commit) of one shard
                    indexing.add(Long.parseLong(id.substring(0, id.indexOf('-'))) - xadd);
                } catch (IOException | RuntimeException ignored) {
                    // not a packet event
                }
            }
        }
    }

    /** @return for each event, the part from the packet's XADD to the indexer's commit of it */
    Latencies indexingPart() {
        return new Latencies(indexing.stream().mapToLong(Long::longValue).toArray());
    }

    Latencies latencies() {
        return new Latencies(samples.stream().mapToLong(Long::longValue).toArray());
    }

    /** Ends the subscription: cancelling the request alone leaves a response that has arrived streaming. */
    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}

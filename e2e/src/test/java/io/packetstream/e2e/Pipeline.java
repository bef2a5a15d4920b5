package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.AgentOptions;
import io.packetstream.agent.CaptureAgent;
import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.metrics.AgentMeters;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.Indexer;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.query.QueryOptions;
import io.packetstream.query.QueryService;
import io.packetstream.testsupport.redis.TestRedis;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three programs wired to one real Redis in a namespace of their own, driven through their public entry points.
 */
final class Pipeline implements AutoCloseable {

    final RedisOptions redis;
    final KeySchema keys;
    private final Indexer indexer;
    private final QueryService query;
    private final QueryClient client;

    private Pipeline(RedisOptions redis, KeySchema keys, Indexer indexer, QueryService query) {
        this.redis = redis;
        this.keys = keys;
        this.indexer = indexer;
        this.query = query;
        this.client = new QueryClient(query.uri());
    }

    static Pipeline start() {
        return start(RedisOptions.of(TestRedis.shared().uri()), newNamespace(), IndexerOptions.builder().shards(1).build());
    }

    /** Starts an indexer with the given options and a query service on Redis (a single server or a cluster). */
    static Pipeline start(RedisOptions redis, KeySchema keys, IndexerOptions indexerOptions) {
        Indexer indexer = Indexer.start(indexerOptions, redis, keys, new SimpleMeterRegistry());
        QueryService query = QueryService.start(QueryOptions.defaults().withPort(0), redis, keys, new SimpleMeterRegistry());
        return new Pipeline(redis, keys, indexer, query);
    }

    static KeySchema newNamespace() {
        return new KeySchema("e2e" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Replays one capture as fast as possible under a sensor id, and checks the agent lost nothing. */
    void replay(Path capture, String sensor) throws InterruptedException {
        replay(capture, PublishOptions.builder(sensor).build());
    }

    /** What one agent's replay did: its counts, and how many entries it sent again and found already stored. */
    record Replayed(AgentCounts counts, long retries, long deduplicated) {
    }

    /** Replays one capture as fast as possible with the given publishing options, and checks the agent lost nothing. */
    Replayed replay(Path capture, PublishOptions publish) throws InterruptedException {
        AgentOptions options = AgentOptions.forFiles(List.of(capture), redis, keys, publish);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CaptureAgent agent = new CaptureAgent(options, meters);
        CaptureAgent.AgentResult result = agent.run();
        assertTrue(result.ok(), () -> "agent failed on " + capture + ": " + result.errors());
        assertEquals(result.counts().captured(), result.counts().published(), "packets published of " + capture);
        assertEquals(0, result.counts().dropped(), "packets dropped of " + capture);
        // function counters hold the agent's counts weakly: read them while the agent is still reachable
        Replayed replayed = new Replayed(result.counts(), count(meters, AgentMeters.PUBLISH_RETRIES),
                count(meters, AgentMeters.ENTRIES_DEDUPLICATED));
        Reference.reachabilityFence(agent);
        return replayed;
    }

    private static long count(SimpleMeterRegistry meters, AgentMeters meter) {
        return (long) meters.get(meter.meterName()).functionCounter().count();
    }

    void awaitIndexed() {
        assertTrue(indexer.awaitIdle(Duration.ofSeconds(60)), "indexer did not catch up within 60 s");
    }

    JsonNode get(String path, Map<String, String> params, String accept) throws IOException, InterruptedException {
        return client.get(path, params, accept);
    }

    ArrayNode getNdjson(String path, Map<String, String> params) throws IOException, InterruptedException {
        return client.getNdjson(path, params);
    }

    /** @return the query service's base URL, ending in a slash */
    String uri() {
        return query.uri().endsWith("/") ? query.uri() : query.uri() + "/";
    }

    HttpResponse<String> send(String path, Map<String, String> params, String accept) throws IOException, InterruptedException {
        return client.send(path, params, accept);
    }

    HttpResponse<byte[]> sendBytes(String path, Map<String, String> params, String accept)
            throws IOException, InterruptedException {
        return client.sendBytes(path, params, accept);
    }

    @Override
    public void close() {
        query.close();
        indexer.close();
    }
}

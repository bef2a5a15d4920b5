package io.packetstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.testsupport.captures.CaptureFixtures;
import io.packetstream.testsupport.redis.TestRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on a real local Redis Cluster (3 masters, each with a replica): two agents replay different
 * captures as different sensors at once into 4 shards spread over the masters, two indexers (one in a child JVM,
 * one in this one) share the shards, and every answer equals the independent reference
 * ({@code test-support/scripts/reference.py}). Between the first and the second pair of captures either the
 * child indexer is killed (SIGKILL), or a master is failed over (its replica promoted) while the second pair is
 * published, with both indexers alive. A live subscription opened before any traffic must receive the
 * reference's answer as change events in both. The failover runs last: it changes the cluster both tests share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineIT {

    /** What happens between the first and the second pair of captures. */
    private enum Disruption {
        KILL_INDEXER, FAILOVER
    }

    private static final int SHARDS = 4;
    /** Short, so that the killed indexer's shards are taken over soon; a read blocks a third of it at most. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration LIVE_WAIT = Duration.ofSeconds(30);

    private TestRedisCluster cluster;
    private JsonNode golden;

    @BeforeAll
    void startCluster() throws Exception {
        golden = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                io.packetstream.testsupport.captures.CaptureFixtures.file("expected/pipeline.json").toFile());
        cluster = TestRedisCluster.start(3, 1);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anIndexerKilledMidwayLosesNothingAndCountsNothingTwice() throws Exception {
        run(Disruption.KILL_INDEXER);
    }

    /** Both indexers stay alive here: this is also the run of two agents and two indexers undisturbed by crashes. */
    @Test
    @Order(2)
    void aMasterFailoverWhilePublishingLosesNothing() throws Exception {
        run(Disruption.FAILOVER);
    }

    private void run(Disruption disruption) throws Exception {
        KeySchema keys = Pipeline.newNamespace();
        // every seed for the child and the agents; the in-process programs get one node and find the cluster
        RedisOptions seeds = new RedisOptions(cluster.uris(), RedisOptions.DEFAULT_COMMAND_TIMEOUT);
        RedisOptions oneSeed = RedisOptions.of(cluster.uris().get(1));
        setShards(seeds, keys);
        List<JsonNode> captures = new ArrayList<>();
        golden.path("captures").forEach(captures::add);
        try (IndexerProcess child = IndexerProcess.start(seeds, keys, "child", LEASE, BLOCK);
             Pipeline pipeline = Pipeline.start(oneSeed, keys,
                     IndexerOptions.builder().consumer("inside").lease(LEASE).block(BLOCK).build())) {
            awaitLeaseOf(seeds, keys, "child", child);
            SseClient live = SseClient.open(pipeline.uri() + "api/v1/hosts/talking-outside", Optional.empty());
            assertTrue(live.await("answer", e -> !e.isEmpty(), LIVE_WAIT), "answer event");
            replayInParallel(pipeline, captures.get(0), captures.get(1));
            CompletableFuture<?> failover = CompletableFuture.completedFuture(null);
            switch (disruption) {
                case KILL_INDEXER -> child.kill(); // what it read and did not acknowledge stays pending under its name
                case FAILOVER -> failover = CompletableFuture.runAsync(() -> cluster.failover(keys.stream(0)));
            }
            replayInParallel(pipeline, captures.get(2), captures.get(3));
            failover.join();
            pipeline.awaitIndexed();
            assertTrue(disruption == Disruption.KILL_INDEXER || child.isAlive(), child::output);
            assertEveryAnswer(pipeline);
            JsonNode shards = pipeline.get("/api/v1/hosts/talking-outside", Map.of(), "application/json")
                    .path("meta").path("shards");
            assertEquals("[0,1,2,3]", shards.path("answered").toString(), shards::toString);
            assertLiveUnionIsTheReference(live);
        }
    }

    /**
     * The question-6 subscription opened before any traffic: the union of its change events, read from every
     * shard's change stream across the disruption, is the reference's answer over all four captures.
     */
    private void assertLiveUnionIsTheReference(SseClient live) throws Exception {
        try (live) {
            Set<String> expected = new TreeSet<>();
            for (JsonNode host : GoldenAnswers.results(golden, "q6-outside-all")) {
                host.path("outsidePeers").forEach(peer -> expected.add(host.path("host").asText() + " " + peer.asText()));
            }
            Set<String> received = new TreeSet<>();
            live.await("change", events -> {
                received.clear();
                events.forEach(e -> received.add(GoldenAnswers.outsidePair(e.data())));
                return received.equals(expected);
            }, LIVE_WAIT);
            assertEquals(expected, received, "the union of live events is the reference's answer");
        }
    }

    /** Two agents at once, each replaying its capture as its sensor. */
    private static void replayInParallel(Pipeline pipeline, JsonNode first, JsonNode second) {
        try {
            CompletableFuture.allOf(replay(pipeline, first), replay(pipeline, second)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a; // the agent's own check, e.g. packets not published
            }
            throw e;
        }
    }

    private static CompletableFuture<Void> replay(Pipeline pipeline, JsonNode capture) {
        return CompletableFuture.runAsync(() -> {
            try {
                pipeline.replay(CaptureFixtures.file(capture.path("file").asText()),
                        PublishOptions.builder(capture.path("sensor").asText()).shards(SHARDS).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private void assertEveryAnswer(Pipeline pipeline) {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode c : golden.path("cases")) {
            checks.add(() -> GoldenAnswers.assertAnswer(c, (ArrayNode) pipeline
                    .get(c.path("path").asText(), GoldenAnswers.params(c), "application/json").path("results")));
        }
        assertAll(checks);
    }

    /** The deployment's shard count, set before any program starts (as an operator does). */
    private static void setShards(RedisOptions redis, KeySchema keys) {
        try (RedisConnections connections = new RedisConnections(redis); RedisConnection c = connections.connect()) {
            assertTrue(c.isCluster(), "the programs must see a cluster");
            c.sync().hset(keys.config(), "shards", Integer.toString(SHARDS).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Waits until the child indexer holds a shard, so that it is working when the agents start. */
    private static void awaitLeaseOf(RedisOptions redis, KeySchema keys, String owner, IndexerProcess child)
            throws InterruptedException {
        try (RedisConnections connections = new RedisConnections(redis); RedisConnection c = connections.connect()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() - deadline < 0) {
                for (int k = 0; k < SHARDS; k++) {
                    byte[] holder = c.sync().get(keys.lease(k));
                    if (holder != null && owner.equals(new String(holder, StandardCharsets.UTF_8))) {
                        return;
                    }
                }
                assertTrue(child.isAlive(), child::output);
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the child indexer held no shard within 60 s:\n" + child.output());
    }
}

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
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on a real local Redis Cluster (3 masters, each with a replica): two agents replay different
 * captures as different sensors at once into 4 shards spread over the masters, two indexers (one in a child JVM,
 * one in this one) share the shards, and every answer equals the independent reference
 * ({@code test-support/scripts/reference.py}), and the index holds every packet once. Between the first and the
 * second pair of captures either the child indexer is killed (SIGKILL), or a master is failed over (its replica
 * promoted) while the second pair is published, or a master is killed (SIGKILL) in the middle of the second pair
 * and the cluster promotes its replica by itself; both indexers stay alive in the last two. A live subscription
 * opened before any traffic must receive the reference's answer as change events in each. The failover and the
 * kill run last, in that order: they change the cluster the tests share (the kill leaves a master without replica).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineIT {

    /** What happens between the first and the second pair of captures. */
    private enum Disruption {
        KILL_INDEXER, FAILOVER, KILL_MASTER
    }

    private static final int SHARDS = 4;
    /** Short, so that the killed indexer's shards are taken over soon; a read blocks a third of it at most. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration BLOCK = Duration.ofMillis(500);
    private static final Duration LIVE_WAIT = Duration.ofSeconds(30);
    /** How long a master may not answer before the others fail it over: short, so that the kill costs seconds. */
    private static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);
    /** Entries the killed master's stream takes from the second pair before the kill. */
    private static final int ENTRIES_BEFORE_KILL = 5;

    private TestRedisCluster cluster;
    private JsonNode golden;

    @BeforeAll
    void startCluster() throws Exception {
        golden = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                io.packetstream.testsupport.captures.CaptureFixtures.file("expected/pipeline.json").toFile());
        cluster = TestRedisCluster.start(3, 1, NODE_TIMEOUT);
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

    /**
     * A crash, not a handover: whatever the killed master had not yet passed to its replica is gone from Redis.
     * The agents count an append as published only once a replica has it (WAIT 1), so they send the appends they
     * were waiting on again, under their sequence numbers, to the promoted replica (which stores those it lacks and
     * recognises the others); the indexers apply again what the new master lacks. Nothing is lost and nothing counts
     * twice.
     */
    @Test
    @Order(3)
    void aMasterKilledWhilePublishingLosesNothingAndCountsNothingTwice() throws Exception {
        run(Disruption.KILL_MASTER);
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
            List<Pipeline.Replayed> agents = new ArrayList<>(replayInParallel(pipeline, captures.get(0),
                    captures.get(1), PublishOptions.Builder::build));
            CompletableFuture<?> failover = CompletableFuture.completedFuture(null);
            CompletableFuture<MasterKill.Outcome> kill = CompletableFuture.completedFuture(null);
            // the kill must land while the agents publish: one packet an entry, one entry in flight, so the
            // second pair makes many small appends (each waiting for the replica) rather than a handful of batches
            Function<PublishOptions.Builder, PublishOptions> second = disruption == Disruption.KILL_MASTER
                    ? b -> b.batchPackets(1).maxInFlight(1).build() : PublishOptions.Builder::build;
            switch (disruption) {
                case KILL_INDEXER -> child.kill(); // what it read and did not acknowledge stays pending under its name
                case FAILOVER -> failover = CompletableFuture.runAsync(() -> cluster.failover(keys.stream(0)));
                case KILL_MASTER -> kill = MasterKill.arm(cluster, keys.stream(0), ENTRIES_BEFORE_KILL);
            }
            agents.addAll(replayInParallel(pipeline, captures.get(2), captures.get(3), second));
            failover.join();
            MasterKill.Outcome killed = kill.join();
            pipeline.awaitIndexed();
            assertTrue(disruption == Disruption.KILL_INDEXER || child.isAlive(), child::output);
            if (killed != null) {
                assertKillLandedMidway(seeds, keys, killed, agents);
            }
            assertEveryAnswer(pipeline);
            assertCountedOnce(seeds, keys, captures, agents);
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

    /**
     * Two agents at once, each replaying its capture as its sensor.
     *
     * @return their meters
     */
    private static List<Pipeline.Replayed> replayInParallel(Pipeline pipeline, JsonNode first, JsonNode second,
                                                              Function<PublishOptions.Builder, PublishOptions> options) {
        try {
            CompletableFuture<Pipeline.Replayed> a = replay(pipeline, first, options);
            CompletableFuture<Pipeline.Replayed> b = replay(pipeline, second, options);
            return List.of(a.join(), b.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a; // the agent's own check, e.g. packets not published
            }
            throw e;
        }
    }

    private static CompletableFuture<Pipeline.Replayed> replay(Pipeline pipeline, JsonNode capture,
                                                                 Function<PublishOptions.Builder, PublishOptions> options) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pipeline.replay(CaptureFixtures.file(capture.path("file").asText()),
                        options.apply(PublishOptions.builder(capture.path("sensor").asText()).shards(SHARDS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The kill fell in the middle of the second pair: its shard's stream took entries after it, and the agents met
     * the outage and sent appends again. Prints what happened, for the record.
     */
    private static void assertKillLandedMidway(RedisOptions redis, KeySchema keys, MasterKill.Outcome killed,
                                               List<Pipeline.Replayed> agents) {
        long entries;
        try (RedisConnections connections = new RedisConnections(redis); RedisConnection c = connections.connect()) {
            entries = c.sync().xlen(keys.stream(0));
        }
        long retried = agents.subList(2, 4).stream().mapToLong(Pipeline.Replayed::retries).sum();
        long deduplicated = agents.subList(2, 4).stream().mapToLong(Pipeline.Replayed::deduplicated).sum();
        System.out.printf("%s; %s holds %d entries after the second pair; its agents sent %d appends again, "
                + "%d of which the promoted replica already held%n", killed, keys.stream(0), entries, retried, deduplicated);
        assertTrue(entries > killed.entriesAtKill(), () -> "the kill came after the last append: " + killed);
        assertTrue(retried > 0, () -> "no agent met the dead master: " + killed);
    }

    /**
     * Every packet once in the index: question 2's hashes hold each sensor's IP packets and bytes exactly, the
     * indexers' own count is the captures' total, the streams hold each batch the agents published once, and no
     * entry is announced as indexed twice.
     */
    private static void assertCountedOnce(RedisOptions redis, KeySchema keys, List<JsonNode> captures,
                                          List<Pipeline.Replayed> agents) {
        try (RedisConnections connections = new RedisConnections(redis); RedisConnection c = connections.connect()) {
            IndexCounts counts = new IndexCounts(c.sync(), keys, SHARDS);
            Map<String, IndexCounts.Totals> indexed = counts.volumeBySensor();
            long ipPackets = 0;
            List<Executable> checks = new ArrayList<>();
            for (JsonNode capture : captures) {
                String sensor = capture.path("sensor").asText();
                IndexCounts.Totals want = new IndexCounts.Totals(capture.path("ipPackets").asLong(),
                        capture.path("ipBytes").asLong());
                checks.add(() -> assertEquals(want, indexed.get(sensor), "question 2's totals of " + sensor));
                ipPackets += want.packets();
            }
            long total = ipPackets;
            checks.add(() -> assertEquals(total, counts.metaPackets(), "packets the indexers counted"));
            checks.add(() -> assertEquals(agents.stream().mapToLong(a -> a.counts().entries()).sum(), counts.streamEntries(),
                    "stream entries against the entries the agents published"));
            List<String> announced = counts.announcedEntries();
            checks.add(() -> assertEquals(announced.size(), announced.stream().distinct().count(),
                    "entries announced as indexed more than once"));
            checks.add(() -> assertEquals(0, counts.deadLetters(), "dead letters"));
            assertAll(checks);
        }
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

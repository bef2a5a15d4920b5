package io.packetstream.indexer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.keys.NamespaceShards;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shard count is chosen once, on purpose: an indexer not told {@code --shards} never fixes it, it waits for the
 * first program that is told; an indexer told a count stores it or insists on it.
 */
class ShardCountIT {

    private final IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri());

    @AfterEach
    void close() {
        fx.close();
    }

    private IndexerOptions.Builder notTold(String consumer) {
        return IndexerOptions.builder().consumer(consumer).block(Duration.ofMillis(100));
    }

    private String stored() {
        byte[] v = fx.redis().hget(fx.keys.config(), NamespaceShards.FIELD);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }

    @Test
    void anIndexerStartedFirstWaitsForTheCountAnAgentIsToldAndFollowsIt() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<Optional<Indexer>> started = CompletableFuture.supplyAsync(() -> Indexer.startWhenReachable(
                notTold("early").build(), fx.redisOptions, fx.keys, new SimpleMeterRegistry(), stopping::get));
        Thread.sleep(1200); // a few of its polls
        assertFalse(started.isDone(), "waits for the shard count");
        assertNull(stored(), "and does not choose one");

        // the first agent started with --shards 6 (same call as the agent's)
        assertTrue(NamespaceShards.claim(fx.redis(), fx.keys, 6).created(), "the agent's count is the one stored");
        try (Indexer indexer = started.get(30, TimeUnit.SECONDS).orElseThrow()) {
            assertEquals(6, indexer.shards());
        }
    }

    @Test
    void aWaitingIndexerStopsWithoutError() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Optional<Indexer>> started = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            return Indexer.startWhenReachable(notTold("stopped").build(), fx.redisOptions, fx.keys,
                    new SimpleMeterRegistry(), stopping::get);
        });
        Thread.sleep(700);
        stopping.set(true);
        waiter[0].interrupt(); // as IndexerMain's shutdown hook does
        assertEquals(Optional.empty(), started.get(30, TimeUnit.SECONDS));
        assertNull(stored());
    }

    @Test
    void anIndexerToldACountStoresItAndOneToldAnotherRefuses() {
        try (Indexer first = Indexer.start(notTold("first").shards(3).build(), fx.redisOptions, fx.keys,
                new SimpleMeterRegistry())) {
            assertEquals(3, first.shards());
            assertEquals("3", stored());
            try (Indexer follower = Indexer.start(notTold("follower").build(), fx.redisOptions, fx.keys,
                    new SimpleMeterRegistry())) {
                assertEquals(3, follower.shards(), "not told: follows what is stored");
            }
        }
        PacketstreamException e = assertThrows(PacketstreamException.class, () -> Indexer.start(
                notTold("other").shards(5).build(), fx.redisOptions, fx.keys, new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("is set up for 3 shard(s)") && e.getMessage().contains("--shards 5"),
                e.getMessage());
        assertEquals("3", stored());
    }
}

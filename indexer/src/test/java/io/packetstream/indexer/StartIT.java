package io.packetstream.indexer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long-running indexer waits for Redis instead of exiting, and gives up at once on what waiting cannot fix. */
class StartIT {

    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");

    @Test
    void anIndexerStartedBeforeRedisWaitsAndThenIndexes() throws Exception {
        int port = RedisProcess.freePort();
        RedisOptions redis = RedisOptions.of("redis://127.0.0.1:" + port).withCommandTimeout(Duration.ofSeconds(2));
        KeySchema keys = new KeySchema("start");
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<Optional<Indexer>> started = CompletableFuture.supplyAsync(() -> Indexer.startWhenReachable(
                IndexerFixture.fastOptions("early").build(), redis, keys, new SimpleMeterRegistry(), stopping::get));
        Thread.sleep(800);
        assertFalse(started.isDone(), "still waiting for Redis");

        RedisProcess server = RedisProcess.launch(RedisBinary.locate(), port, List.of());
        try (Indexer indexer = started.get(30, TimeUnit.SECONDS).orElseThrow();
             IndexerFixture fx = new IndexerFixture(server.uri())) {
            fx.redis().xadd(keys.stream(0), java.util.Map.of("s", IndexerFixture.bytes("s1"),
                    "p", IndexerFixture.payload(List.of(ethernet(T0, Frames.udp(IpAddress.parse("10.0.0.1"), 1,
                            IpAddress.parse("10.0.0.2"), 53, new byte[4]))))));
            assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
            assertEquals("1", IndexerFixture.text(fx.redis().hget(keys.meta(0), "packets")));
        } finally {
            server.stop();
        }
    }

    @Test
    void aWaitEndsWhenTheProgramStops() throws Exception {
        RedisOptions redis = RedisOptions.of("redis://127.0.0.1:" + RedisProcess.freePort())
                .withCommandTimeout(Duration.ofSeconds(1));
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<Optional<Indexer>> started = CompletableFuture.supplyAsync(() -> Indexer.startWhenReachable(
                IndexerFixture.fastOptions("never").build(), redis, new KeySchema("start"), new SimpleMeterRegistry(),
                stopping::get));
        Thread.sleep(300);
        stopping.set(true);
        assertEquals(Optional.empty(), started.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWrongPasswordEndsTheWaitAtOnceWithAClearMessage() {
        RedisProcess server = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of());
        try (IndexerFixture fx = new IndexerFixture(server.uri())) {
            fx.redis().configSet("requirepass", "right-secret");
            RedisOptions redis = RedisOptions.of("redis://:wrong-secret@127.0.0.1:" + server.port());
            long start = System.nanoTime();
            PacketstreamException e = assertThrows(PacketstreamException.class, () -> Indexer.startWhenReachable(
                    IndexerFixture.fastOptions("denied").build(), redis, new KeySchema("start"),
                    new SimpleMeterRegistry(), () -> false));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "gave up without waiting");
            String all = e.getMessage() + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(all.contains("WRONGPASS") || all.contains("invalid"), all);
            assertTrue(e.getMessage().startsWith("cannot start the indexer on Redis at redis://:***@127.0.0.1:"
                    + server.port() + ": "), "names the URL tried, password masked: " + e.getMessage());
            assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
        } finally {
            server.stop();
        }
    }
}

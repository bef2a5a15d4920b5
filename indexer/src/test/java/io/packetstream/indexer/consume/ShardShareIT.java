package io.packetstream.indexer.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.indexer.Indexer;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indexers spread a deployment's shards evenly, and take a stopped indexer's shards over. */
class ShardShareIT {

    @Test
    void aSecondIndexerGetsHalfTheShardsAndTheLastOneLeftGetsThemAll() throws Exception {
        try (IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri())) {
            fx.redis().hset(fx.keys.config(), "shards", "4".getBytes(StandardCharsets.US_ASCII));
            var options = IndexerFixture.fastOptions("a").shards(4).lease(Duration.ofMillis(600)).block(Duration.ofMillis(50));
            try (Indexer a = Indexer.start(options.build(), fx.redisOptions, fx.keys, new SimpleMeterRegistry())) {
                assertTrue(await(() -> holders(fx).equals(List.of("a", "a", "a", "a"))), "alone: " + holders(fx));
                try (Indexer b = Indexer.start(options.consumer("b").build(), fx.redisOptions, fx.keys,
                        new SimpleMeterRegistry())) {
                    assertTrue(await(() -> count(holders(fx), "a") == 2 && count(holders(fx), "b") == 2),
                            "two each: " + holders(fx));
                }
                assertTrue(await(() -> holders(fx).equals(List.of("a", "a", "a", "a"))),
                        "b stopped and gave its shards back: " + holders(fx));
            }
        }
    }

    private static List<String> holders(IndexerFixture fx) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            byte[] v = fx.redis().get(fx.keys.lease(k));
            out.add(v == null ? "-" : new String(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long count(List<String> holders, String who) {
        return holders.stream().filter(who::equals).count();
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}

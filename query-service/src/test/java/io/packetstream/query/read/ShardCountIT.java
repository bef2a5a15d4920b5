package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What depends on the shard count is read for the count stored when it is asked, also right after the count was
 * first stored or changed (a namespace set up again), though it is read together with the count seen last.
 */
class ShardCountIT {

    @Test
    void readsForTheCountStoredNowAndGuessesTheOneSeenLast() {
        KeySchema keys = new KeySchema("shards-" + UUID.randomUUID().toString().substring(0, 8));
        try (RedisLink link = new RedisLink(RedisOptions.of(TestRedis.shared().uri()))) {
            RedisClusterReactiveCommands<String, byte[]> redis = link.commands().block(Duration.ofSeconds(10));
            ShardCount count = new ShardCount(keys);
            List<Integer> asked = new ArrayList<>();
            java.util.function.Supplier<Integer> read = () -> count.read(redis, shards -> {
                asked.add(shards);
                return Mono.just(shards);
            }).block(Duration.ofSeconds(10));

            assertEquals(1, read.get()); // no count stored: one shard
            assertEquals(List.of(1), asked);

            redis.hset(keys.config(), "shards", "4".getBytes(StandardCharsets.US_ASCII)).block(Duration.ofSeconds(10));
            assertEquals(4, read.get());
            assertEquals(List.of(1, 1, 4), asked); // read for the count seen last, then again for the stored one

            assertEquals(4, read.get());
            assertEquals(List.of(1, 1, 4, 4), asked); // the guess holds: read once

            redis.hset(keys.config(), "shards", "2".getBytes(StandardCharsets.US_ASCII)).block(Duration.ofSeconds(10));
            assertEquals(2, read.get());
            assertEquals(List.of(1, 1, 4, 4, 4, 2), asked);
            redis.del(keys.config()).block(Duration.ofSeconds(10));
        }
    }

    @Test
    void anEmptyReadingStaysEmpty() {
        KeySchema keys = new KeySchema("shards-" + UUID.randomUUID().toString().substring(0, 8));
        try (RedisLink link = new RedisLink(RedisOptions.of(TestRedis.shared().uri()))) {
            RedisClusterReactiveCommands<String, byte[]> redis = link.commands().block(Duration.ofSeconds(10));
            assertEquals(null, new ShardCount(keys).read(redis, shards -> Mono.<Integer>empty())
                    .block(Duration.ofSeconds(10)));
        }
    }
}

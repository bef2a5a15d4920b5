package io.packetstream.indexer.consume;

import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.ConsumerGroupInfo;
import io.packetstream.core.redis.StreamId;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.Redis62;
import io.packetstream.indexer.write.StreamEntry;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.packetstream.indexer.IndexerFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw stream replies read the same on the machine's Redis and on the embedded Redis 6.2 (whose XAUTOCLAIM
 * answers two elements and returns deleted entries as nil bodies), over RESP3 as Lettuce negotiates it.
 */
class StreamCommandsIT {

    private static final String GROUP = KeySchema.CONSUMER_GROUP;
    static Stream<String> servers() {
        return Stream.of(TestRedis.shared().uri(), Redis62.uri());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void readsClaimsAndPendingCountsParseOnEveryServer(String uri) {
        try (IndexerFixture fx = new IndexerFixture(uri)) {
            String stream = fx.keys.stream(0);
            StreamCommands redis = new StreamCommands(fx.connection());
            assertTrue(redis.createGroup(stream, GROUP));
            assertFalse(redis.createGroup(stream, GROUP));
            assertEquals(List.of(), redis.readGroup(stream, GROUP, "a", 10, Optional.of(Duration.ofMillis(20)), ">"));
            assertEquals(StreamId.MIN, redis.lastGeneratedId(stream));

            String first = fx.publishFields(0, Map.of("s", bytes("s1"), "p", new byte[]{1, 0, (byte) 0xFF}));
            String second = fx.publishFields(0, Map.of("s", bytes("s1"), "p", bytes("x")));
            String third = fx.publishFields(0, Map.of("s", bytes("s1"), "p", bytes("y")));
            List<StreamEntry> read = redis.readGroup(stream, GROUP, "a", 10, Optional.of(Duration.ofMillis(20)), ">");
            assertEquals(List.of(first, second, third), read.stream().map(StreamEntry::id).toList());
            assertEquals(List.of((byte) 1, (byte) 0, (byte) 0xFF),
                    List.of(read.get(0).fields().orElseThrow().get("p")[0], read.get(0).fields().orElseThrow().get("p")[1],
                            read.get(0).fields().orElseThrow().get("p")[2]));
            assertEquals(StreamId.parse(third), redis.lastGeneratedId(stream));
            ConsumerGroupInfo group = redis.group(stream, GROUP).orElseThrow();
            assertEquals(3, group.pending());
            assertEquals(StreamId.parse(third), group.lastDelivered());
            if (fx.redis().info("server").contains("redis_version:7")) {
                assertEquals(java.util.OptionalLong.of(0), group.lag(), "Redis 7 tells the lag");
            }

            fx.redis().xdel(stream, second);
            List<StreamEntry> pending = redis.readGroup(stream, GROUP, "a", 10, Optional.empty(), "0-0");
            assertEquals(List.of(first, second, third), pending.stream().map(StreamEntry::id).toList());
            assertTrue(pending.get(1).fields().isEmpty(), "a deleted pending entry comes back without fields");

            StreamCommands.Claim claim = redis.autoClaim(stream, GROUP, "b", Duration.ZERO, "0-0", 10);
            assertEquals(StreamCommands.SCAN_DONE, claim.next());
            if (claim.deleted().isEmpty()) {
                // 6.2 moves the deleted entry to the claimant without a word; reading from 0 finds it without fields
                assertEquals(List.of(first, second, third), claim.ids());
            } else {
                assertEquals(List.of(second), claim.deleted()); // 7.0 names it and drops it from the pending list
                assertEquals(List.of(first, third), claim.ids());
            }
            assertEquals(0, fx.redis().xpending(stream, io.lettuce.core.Consumer.from(GROUP, "a"),
                    io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(10)).size());

            fx.redis().xack(stream, GROUP, first, second, third);
            assertTrue(redis.group(stream, GROUP).orElseThrow().pending() == 0);
            assertEquals(Optional.empty(), redis.group(fx.keys.stream(1), GROUP));
        }
    }
}

package io.packetstream.agent;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live publisher whose shards fall quiet sends each of them a clock heartbeat, through the same exactly-once
 * publish path as packet batches, after the shard's last batch.
 */
class HeartbeatIT {

    @Test
    void quietShardsGetAClockHeartbeatAfterTheirLastBatch() throws Exception {
        KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
        String uri = TestRedis.shared().uri();
        PublishOptions options = PublishOptions.builder("live-1").shards(2).overflow(PublishOptions.Overflow.DROP)
                .heartbeat(Duration.ofMillis(50)).build();
        long before = wallNanos();
        try (StreamPublisher publisher = StreamPublisher.start(RedisOptions.of(uri), keys, options,
                new AgentMetrics(new SimpleMeterRegistry()));
             Streams streams = new Streams(uri)) {
            assertTrue(publisher.awaitReady(Duration.ofSeconds(10)));
            byte[] frame = TestTraffic.frame(1, 1);
            publisher.accept(before, frame.length, 1, frame, 0, frame.length);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // until each shard's newest entry is a heartbeat: a count of entries could be reached by one shard's
            // heartbeats while the other's had not followed its batch yet
            while (!(endsWithHeartbeat(streams, keys, 0) && endsWithHeartbeat(streams, keys, 1))
                    && System.nanoTime() < deadline) {
                publisher.flushDue();
                Thread.sleep(10);
            }
            assertTrue(publisher.awaitPublished(Duration.ofSeconds(10)));
            long after = wallNanos();
            int packetEntries = 0;
            for (int shard = 0; shard < 2; shard++) {
                List<StreamMessage<String, byte[]>> entries = streams.redis().xrange(keys.stream(shard),
                        Range.create("-", "+"));
                assertTrue(!entries.isEmpty(), "shard " + shard + " got nothing");
                for (StreamMessage<String, byte[]> e : entries) {
                    assertEquals("live-1", new String(e.getBody().get(StreamEntryFields.SENSOR),
                            StandardCharsets.UTF_8));
                }
                OptionalLong last = ClockHeartbeat.read(entries.get(entries.size() - 1).getBody()
                        .get(StreamEntryFields.PACKETS));
                assertTrue(last.isPresent(), "shard " + shard + " ends with a heartbeat");
                assertTrue(last.getAsLong() >= before - Duration.ofSeconds(1).toNanos() && last.getAsLong() <= after,
                        "the heartbeat carries the wall clock, less a small lag: " + last.getAsLong());
                packetEntries += (int) entries.stream().filter(e -> ClockHeartbeat.read(
                        e.getBody().get(StreamEntryFields.PACKETS)).isEmpty()).count();
            }
            assertEquals(1, packetEntries, "the one packet's batch, and otherwise only heartbeats");
        }
    }

    private static boolean endsWithHeartbeat(Streams streams, KeySchema keys, int shard) {
        List<StreamMessage<String, byte[]>> last = streams.redis().xrevrange(keys.stream(shard), Range.create("-", "+"),
                Limit.from(1));
        return !last.isEmpty() && ClockHeartbeat.read(last.get(0).getBody().get(StreamEntryFields.PACKETS)).isPresent();
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

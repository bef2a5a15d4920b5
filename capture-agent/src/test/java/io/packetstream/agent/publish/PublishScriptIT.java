package io.packetstream.agent.publish;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.SlotHash;
import io.packetstream.agent.publish.PublishScript.Outcome;
import io.packetstream.agent.publish.PublishScript.Reply;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketBatchWriter;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish script against a real Redis: each (publisher, shard, sequence) is appended at most once. */
class PublishScriptIT {

    private static final int SHARD = 1;

    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
    private final PublishOptions options = PublishOptions.builder("script-it").shards(2).build();
    private final RedisConnections connections = new RedisConnections(RedisOptions.of(TestRedis.shared().uri()));
    private final RedisConnection connection = connections.connect();
    private final RedisClusterCommands<String, byte[]> redis = connection.sync();

    @AfterEach
    void close() {
        connection.close();
        connections.close();
    }

    @Test
    void theSameSequenceSentTwiceIsAppendedOnce() throws Exception {
        PublishScript a = new PublishScript(keys, options, "a");
        ReadyBatch batch = batch(1, 7);

        assertEquals(Outcome.APPENDED, call(a, batch, false, true).outcome());
        assertEquals(new Reply(Outcome.DUPLICATE, 1), call(a, batch, false, false));
        assertEquals(new Reply(Outcome.DUPLICATE, 1), call(a, batch, true, false));

        List<StreamMessage<String, byte[]>> entries = redis.xrange(keys.stream(SHARD), Range.create("-", "+"));
        assertEquals(1, entries.size());
        Map<String, byte[]> body = entries.get(0).getBody();
        assertEquals(Set.of(StreamEntryFields.SENSOR, StreamEntryFields.PACKETS), body.keySet());
        assertEquals("script-it", new String(body.get(StreamEntryFields.SENSOR), StandardCharsets.UTF_8));
        assertArrayEquals(batch.payload(), body.get(StreamEntryFields.PACKETS));
        assertEquals(7, PacketBatchReader.read(body.get(StreamEntryFields.PACKETS)).get(0).timestampNanos());
        assertEquals(0, redis.xlen(keys.stream(0)), "the other shard is untouched");
    }

    @Test
    void olderSequencesAreRefusedAndSkippedOnesWaitForTheMissingOne() throws Exception {
        PublishScript a = new PublishScript(keys, options, "a");
        assertEquals(new Reply(Outcome.OUT_OF_ORDER, 0), call(a, batch(2, 2), true, false), "2 before 1");
        for (long seq = 1; seq <= 3; seq++) {
            assertEquals(Outcome.APPENDED, call(a, batch(seq, seq), seq == 1, false).outcome());
        }

        assertEquals(new Reply(Outcome.DUPLICATE, 3), call(a, batch(2, 2), false, false));
        assertEquals(new Reply(Outcome.DUPLICATE, 3), call(a, batch(1, 1), false, false));
        assertEquals(new Reply(Outcome.OUT_OF_ORDER, 3), call(a, batch(5, 5), false, false));
        assertEquals(3, redis.xlen(keys.stream(SHARD)));
        assertEquals(Outcome.APPENDED, call(a, batch(4, 4), false, false).outcome());
        assertEquals(Outcome.APPENDED, call(a, batch(5, 5), false, false).outcome());

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), timestamps());
    }

    @Test
    void resyncAcceptsAGapButStillNoOlderSequence() throws Exception {
        PublishScript a = new PublishScript(keys, options, "a");
        call(a, batch(1, 1), true, false);
        redis.del(keys.publishers(SHARD)); // as if the hash had expired

        assertEquals(new Reply(Outcome.OUT_OF_ORDER, 0), call(a, batch(9, 9), false, false));
        assertEquals(Outcome.APPENDED, call(a, batch(9, 9), false, true).outcome());
        assertEquals(new Reply(Outcome.DUPLICATE, 9), call(a, batch(9, 9), false, true));
        assertEquals(new Reply(Outcome.DUPLICATE, 9), call(a, batch(8, 8), false, true));
        assertEquals(Outcome.APPENDED, call(a, batch(10, 10), false, false).outcome());

        assertEquals(List.of(1L, 9L, 10L), timestamps());
    }

    @Test
    void publishersCountSeparatelyInOneHashPerShardThatExpiresADayAfterTheLastAppend() throws Exception {
        PublishScript a = new PublishScript(keys, options, "sensor-a");
        PublishScript b = new PublishScript(keys, options, "sensor-b");
        call(a, batch(1, 1), true, false);
        call(a, batch(2, 2), false, false);

        assertEquals(Outcome.APPENDED, call(b, batch(1, 3), true, false).outcome());

        String hash = keys.publishers(SHARD);
        assertEquals(keys.namespace() + ":{1}:publishers", hash);
        assertEquals(SlotHash.getSlot(keys.stream(SHARD)), SlotHash.getSlot(hash), "one cluster slot");
        Map<String, byte[]> fields = redis.hgetall(hash);
        assertEquals("2", new String(fields.get("sensor-a"), StandardCharsets.US_ASCII));
        assertEquals("1", new String(fields.get("sensor-b"), StandardCharsets.US_ASCII));
        long ttl = redis.ttl(hash);
        assertTrue(ttl > PublishScript.PUBLISHERS_TTL.toSeconds() - 60 && ttl <= PublishScript.PUBLISHERS_TTL.toSeconds(),
                "TTL " + ttl);
        assertEquals(List.of(1L, 2L, 3L), timestamps());
    }

    @Test
    void atTheCapOfUnacknowledgedEntriesAReplayIsRefusedUntilTheGroupAcknowledgesAndNothingUnreadIsTrimmed()
            throws Exception {
        PublishScript a = new PublishScript(keys, PublishOptions.builder("script-it").shards(2).maxLen(3).build(), "a");
        for (long seq = 1; seq <= 3; seq++) {
            assertEquals(Outcome.APPENDED, call(a, batch(seq, seq), seq == 1, false).outcome());
        }
        assertEquals(new Reply(Outcome.FULL, 3), call(a, batch(4, 4), false, false), "no group: nothing acknowledged");
        assertEquals(new Reply(Outcome.FULL, 3), call(a, batch(4, 4), false, false), "refused, not used up");

        String stream = keys.stream(SHARD);
        redis.xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(stream, "0"), KeySchema.CONSUMER_GROUP);
        List<StreamMessage<String, byte[]>> read = redis.xreadgroup(
                io.lettuce.core.Consumer.from(KeySchema.CONSUMER_GROUP, "c"), io.lettuce.core.XReadArgs.Builder.count(2),
                io.lettuce.core.XReadArgs.StreamOffset.lastConsumed(stream));
        assertEquals(new Reply(Outcome.FULL, 3), call(a, batch(4, 4), false, false), "delivered is not acknowledged");
        redis.xack(stream, KeySchema.CONSUMER_GROUP, read.get(0).getId());

        assertEquals(Outcome.APPENDED, call(a, batch(4, 4), false, false).outcome());
        assertEquals(new Reply(Outcome.FULL, 3), call(a, batch(5, 5), false, false));
        assertEquals(List.of(1L, 2L, 3L, 4L), timestamps(), "the acknowledged entry may go, it need not");
    }

    @Test
    void aLiveCaptureAtTheCapUsesUpTheSequenceSoTheBatchIsDroppedForGood() throws Exception {
        PublishOptions live = PublishOptions.builder("script-it").shards(2).maxLen(2)
                .overflow(PublishOptions.Overflow.DROP).build();
        PublishScript a = new PublishScript(keys, live, "a");
        call(a, batch(1, 1), true, false);
        call(a, batch(2, 2), false, false);

        assertEquals(new Reply(Outcome.FULL, 2), call(a, batch(3, 3), false, false));
        assertEquals(new Reply(Outcome.DUPLICATE, 3), call(a, batch(3, 3), false, false));
        assertEquals(new Reply(Outcome.FULL, 2), call(a, batch(4, 4), false, false), "the next one is not out of order");
        assertEquals(List.of(1L, 2L), timestamps());
    }

    private Reply call(PublishScript script, ReadyBatch batch, boolean text, boolean resync) throws Exception {
        return PublishScript.reply(script.send(connection.async(), batch, text, resync, true).get(10, TimeUnit.SECONDS));
    }

    /** A one-packet batch on {@link #SHARD} whose packet's timestamp identifies it. */
    private static ReadyBatch batch(long shardSequence, long timestamp) {
        PacketBatchWriter w = new PacketBatchWriter(64);
        w.append(timestamp, 4, 1, new byte[]{1, 2, 3, 4}, 0, 4);
        return new ReadyBatch(SHARD, shardSequence, shardSequence, w.toBytes(), 1, 4);
    }

    private List<Long> timestamps() {
        return redis.xrange(keys.stream(SHARD), Range.create("-", "+")).stream()
                .map(m -> PacketBatchReader.read(m.getBody().get(StreamEntryFields.PACKETS)).get(0).timestampNanos())
                .toList();
    }
}

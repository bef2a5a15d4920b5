package io.packetstream.indexer.commit;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.StreamEntry;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitScriptIT {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("10.0.0.2");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");
    private static final String GROUP = KeySchema.CONSUMER_GROUP;

    private final IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri());
    private final KeySchema keys = fx.keys;
    private final BatchBuilder builder = new BatchBuilder(keys, AddressClassifier.defaults());
    private String stream;

    @BeforeEach
    void group() {
        stream = keys.stream(0);
        fx.redis().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), GROUP, XGroupCreateArgs.Builder.mkstream());
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private BatchCommitter committer(String consumer) {
        return new BatchCommitter(fx.redis().getStatefulConnection().async(), keys, consumer, Duration.ofDays(7), 1000, 1000);
    }

    private List<StreamEntry> readAs(String consumer, int count) {
        List<StreamMessage<String, byte[]>> messages = fx.redis().xreadgroup(Consumer.from(GROUP, consumer),
                XReadArgs.Builder.count(count), XReadArgs.StreamOffset.lastConsumed(stream));
        return messages.stream().map(m -> StreamEntry.of(m.getId(), m.getBody())).toList();
    }

    private IndexBatch batch(List<StreamEntry> entries) {
        return builder.build(0, entries, Map.of());
    }

    private void publishPackets(int entries, int packetsPerEntry, long time) {
        for (int e = 0; e < entries; e++) {
            List<IndexerFixture.Frame> frames = new ArrayList<>();
            for (int p = 0; p < packetsPerEntry; p++) {
                frames.add(ethernet(time, Frames.udp(A, 1000, B, 53, new byte[10])));
            }
            fx.publish(0, "s1", frames);
        }
    }

    private long volumePackets() {
        long minute = CaptureTime.epochMinute(T0);
        byte[] v = fx.redis().hget(keys.volume(0, "s1", A, B, Math.floorDiv(minute, 1440)), "p" + Math.floorMod(minute, 1440));
        return v == null ? 0 : Long.parseLong(text(v));
    }

    @Test
    void redeliveredBatchIsCountedOnce() {
        publishPackets(3, 10, T0);
        IndexBatch batch = batch(readAs("c1", 10));
        BatchCommitter c1 = committer("c1");

        assertEquals(BatchCommitter.Outcome.APPLIED, c1.commit(batch).block().outcome());
        assertEquals(BatchCommitter.Outcome.STALE, c1.commit(batch).block().outcome(), "a second delivery applies nothing");

        assertEquals(30, volumePackets());
        assertEquals("30", text(fx.redis().hget(keys.meta(0), "packets")));
        assertEquals(0, fx.redis().xpending(stream, GROUP).getCount());
    }

    @Test
    void staleCommitOfEntriesClaimedAwayAppliesNothingAndTheClaimantAppliesThemOnce() {
        publishPackets(2, 5, T0);
        List<StreamEntry> entries = readAs("slow", 10);
        IndexBatch batch = batch(entries);
        fx.redis().xclaim(stream, Consumer.from(GROUP, "fast"), XClaimArgs.Builder.minIdleTime(0),
                entries.get(1).id()); // only one of the two is taken: still stale as a whole

        assertEquals(BatchCommitter.Outcome.STALE, committer("slow").commit(batch).block().outcome());
        assertEquals(List.of(stream), fx.redis().keys(keys.namespace() + ":*"), "nothing but the stream exists");
        assertEquals(2, fx.redis().xpending(stream, GROUP).getCount());

        fx.redis().xclaim(stream, Consumer.from(GROUP, "fast"), XClaimArgs.Builder.minIdleTime(0), entries.get(0).id());
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("fast").commit(batch).block().outcome());
        assertEquals(10, volumePackets());
        assertEquals(0, fx.redis().xpending(stream, GROUP).getCount());
    }

    @Test
    void aKeyOfTheWrongTypeFailsTheCommitBeforeAnyWrite() {
        publishPackets(1, 3, T0);
        IndexBatch batch = batch(readAs("c1", 10));
        long minute = CaptureTime.epochMinute(T0);
        String q6 = keys.services(0, "s1", TimeBucket.hour(Math.floorDiv(minute, 60)));
        fx.redis().set(q6, "not a set".getBytes());

        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> committer("c1").commit(batch).block().outcome());

        assertTrue(e.getMessage().contains("WRONGTYPE") && e.getMessage().contains(q6), e.getMessage());
        assertEquals(List.of(q6, stream).stream().sorted().toList(),
                fx.redis().keys(keys.namespace() + ":*").stream().sorted().toList(), "no index key was written");
        assertEquals(1, fx.redis().xpending(stream, GROUP).getCount(), "the entry stays pending");
    }

    @Test
    void theScriptIsLoadedAgainWhenRedisForgotIt() {
        publishPackets(1, 1, T0);
        IndexBatch batch = batch(readAs("c1", 10));
        fx.redis().scriptFlush();
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("c1").commit(batch).block().outcome());
        assertEquals(1, volumePackets());
    }

    @Test
    void windowsAndFreshnessAreMergedWithWhatRedisHolds() {
        long ms = 1_000_000;
        fx.publish(0, "s1", List.of(ethernet(T0 + 500 * ms, Frames.udp(A, 1000, B, 53, new byte[1]))));
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("c1").commit(batch(readAs("c1", 10))).block().outcome());
        fx.publish(0, "s1", List.of(ethernet(T0 + 200 * ms + 7, Frames.udp(B, 53, A, 1000, new byte[1])),
                ethernet(T0 + 900 * ms, Frames.udp(A, 1000, B, 53, new byte[1]))));
        fx.publish(0, "s1", List.of(ethernet(T0 + 300 * ms, Frames.udp(A, 1000, B, 53, new byte[1]))));
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("c1").commit(batch(readAs("c1", 10))).block().outcome());

        Map<byte[], byte[]> q1 = fx.binary().hgetall(IndexerFixture.bytes(keys.activeConnections(0, "s1",
                CaptureTime.epochSecond(T0))));
        assertEquals(1, q1.size());
        assertEquals(new ActiveWindow(200_000_007, 900_000_000), ActiveWindow.decode(q1.values().iterator().next()));
        Map<String, byte[]> meta = fx.redis().hgetall(keys.meta(0));
        assertEquals(Long.toString(CaptureTime.micros(T0 + 200 * ms + 7)), text(meta.get("oldest")));
        assertEquals(Long.toString(CaptureTime.micros(T0 + 900 * ms)), text(meta.get("newest")));
        assertEquals("4", text(meta.get("packets")));
    }

    @Test
    void keysWithMoreMembersThanOneCallTakesAreWrittenInChunks() {
        List<IndexerFixture.Frame> frames = new ArrayList<>();
        for (int port = 1; port <= 700; port++) {
            frames.add(ethernet(T0, Frames.udp(A, 20000 + port, B, port, new byte[0])));
        }
        fx.publish(0, "s1", frames);
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("c1").commit(batch(readAs("c1", 10))).block().outcome());

        long minute = CaptureTime.epochMinute(T0);
        assertEquals(700, fx.binary().hlen(IndexerFixture.bytes(keys.activeConnections(0, "s1", CaptureTime.epochSecond(T0)))));
        long peers = java.util.stream.Stream.of(A, B).map(h -> keys.peers(0, "s1", TimeBucket.minute(minute), h)).distinct()
                .mapToLong(k -> fx.redis().zcard(k)).sum();
        assertEquals(1400, peers);
        assertEquals(700, volumePackets());
    }

    @Test
    void ttlsAreRefreshedOncePerTenthOfTheRetentionButEveryNewKeyGetsOne() {
        AtomicLong clock = new AtomicLong();
        BatchCommitter c1 = new BatchCommitter(fx.redis().getStatefulConnection().async(), keys, "c1",
                Duration.ofSeconds(1000), 1000, 1000, 100, clock::get);
        long minute = CaptureTime.epochMinute(T0);
        String volume = keys.volume(0, "s1", A, B, Math.floorDiv(minute, 1440));
        String meta = keys.meta(0);
        String q4 = keys.services(0, "s1", TimeBucket.minute(minute));
        publishPackets(1, 1, T0);
        assertEquals(BatchCommitter.Outcome.APPLIED, c1.commit(batch(readAs("c1", 10))).block().outcome());
        assertTrue(fx.redis().ttl(volume) > 990);
        fx.redis().expire(volume, 500); // stands for time passing: the TTL this process set runs down
        fx.redis().expire(meta, 500);
        fx.redis().del(q4); // deleted (or lost) in between: written again, it must get a TTL anyway

        clock.addAndGet(Duration.ofSeconds(99).toNanos());
        publishPackets(1, 1, T0);
        assertEquals(BatchCommitter.Outcome.APPLIED, c1.commit(batch(readAs("c1", 10))).block().outcome());
        assertTrue(fx.redis().ttl(volume) <= 500, "set 99 s ago: not refreshed");
        assertTrue(fx.redis().ttl(meta) <= 500);
        assertTrue(fx.redis().ttl(q4) > 990, "a key new to Redis gets its TTL at once");

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        publishPackets(1, 1, T0);
        assertEquals(BatchCommitter.Outcome.APPLIED, c1.commit(batch(readAs("c1", 10))).block().outcome());
        assertTrue(fx.redis().ttl(volume) > 990, "a tenth of the retention later it is refreshed");
        assertTrue(fx.redis().ttl(meta) > 990);
        assertEquals(3, volumePackets());
        for (String key : fx.redis().keys(keys.namespace() + ":{0}:*")) {
            if (!key.equals(stream) && !key.equals(keys.changes(0))) {
                assertTrue(fx.redis().ttl(key) > 0, key + " has no TTL");
            }
        }
    }

    @Test
    void aStaleCommitRecordsNoTtlSoTheNextCommitSetsThem() {
        AtomicLong clock = new AtomicLong();
        BatchCommitter slow = new BatchCommitter(fx.redis().getStatefulConnection().async(), keys, "slow",
                Duration.ofSeconds(1000), 1000, 1000, 100, clock::get);
        publishPackets(1, 1, T0);
        List<StreamEntry> entries = readAs("slow", 10);
        fx.redis().xclaim(stream, Consumer.from(GROUP, "fast"), XClaimArgs.Builder.minIdleTime(0), entries.get(0).id());
        assertEquals(BatchCommitter.Outcome.STALE, slow.commit(batch(entries)).block().outcome());
        assertEquals(BatchCommitter.Outcome.APPLIED, committer("fast").commit(batch(entries)).block().outcome());
        String meta = keys.meta(0);
        fx.redis().expire(meta, 500);

        publishPackets(1, 1, T0);
        assertEquals(BatchCommitter.Outcome.APPLIED, slow.commit(batch(readAs("slow", 10))).block().outcome());
        assertTrue(fx.redis().ttl(meta) > 990, "the stale commit set nothing, so nothing was remembered");
    }
}

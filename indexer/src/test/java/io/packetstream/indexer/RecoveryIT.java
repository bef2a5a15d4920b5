package io.packetstream.indexer;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.StreamEntry;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crashes, redeliveries and races: every entry is applied exactly once. */
class RecoveryIT {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("10.0.0.2");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");
    private static final String GROUP = KeySchema.CONSUMER_GROUP;

    static Stream<String> servers() {
        return Stream.of(TestRedis.shared().uri(), Redis62.uri());
    }

    private static void publish(IndexerFixture fx, int entries, int packetsPerEntry) {
        List<IndexerFixture.Frame> frames = new ArrayList<>();
        for (int p = 0; p < packetsPerEntry; p++) {
            frames.add(ethernet(T0 + p, Frames.tcp(A, 40000 + p, B, 443, 0x18, new byte[32])));
        }
        for (int e = 0; e < entries; e++) {
            fx.publish(0, "s1", frames);
        }
    }

    private static long metaPackets(IndexerFixture fx) {
        byte[] v = fx.redis().hget(fx.keys.meta(0), "packets");
        return v == null ? 0 : Long.parseLong(text(v));
    }

    private static long volumePackets(IndexerFixture fx) {
        long minute = CaptureTime.epochMinute(T0);
        byte[] v = fx.redis().hget(fx.keys.volume(0, "s1", A, B, Math.floorDiv(minute, 1440)),
                "p" + Math.floorMod(minute, 1440));
        return v == null ? 0 : Long.parseLong(text(v));
    }

    private static List<StreamEntry> readAndCrash(IndexerFixture fx, String consumer) {
        fx.redis().xgroupCreate(XReadArgs.StreamOffset.from(fx.keys.stream(0), "0"), GROUP,
                XGroupCreateArgs.Builder.mkstream());
        List<StreamMessage<String, byte[]>> read = fx.redis().xreadgroup(Consumer.from(GROUP, consumer),
                XReadArgs.Builder.count(1000), XReadArgs.StreamOffset.lastConsumed(fx.keys.stream(0)));
        return read.stream().map(m -> StreamEntry.of(m.getId(), m.getBody())).toList();
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aCrashedConsumersEntriesAreClaimedAndAppliedExactlyOnce(String uri) {
        try (IndexerFixture fx = new IndexerFixture(uri)) {
            publish(fx, 20, 8);
            List<StreamEntry> lost = readAndCrash(fx, "crashed"); // read, never acknowledged
            assertEquals(20, lost.size());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("survivor").build(),
                    fx.redisOptions, fx.keys, registry)) {
                assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
            }
            assertEquals(160, metaPackets(fx));
            assertEquals(160, volumePackets(fx));
            assertEquals(20, registry.get(IndexerMeters.ENTRIES_ACKED.meterName()).counter().count());
        }
    }

    @Test
    void aRestartedConsumerFinishesItsOwnPendingEntriesFirst() {
        try (IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri())) {
            publish(fx, 10, 4);
            readAndCrash(fx, "same-name");
            publish(fx, 5, 4);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("same-name").build(), fx.redisOptions,
                    fx.keys, registry)) {
                assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
            }
            assertEquals(60, metaPackets(fx));
        }
    }

    @Test
    void indexersThatKeepTakingTheShardFromEachOtherApplyEveryEntryOnce() throws Exception {
        try (IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri())) {
            IndexerOptions.Builder quick = IndexerFixture.fastOptions("r").batchEntries(4)
                    .block(Duration.ofMillis(20)).lease(Duration.ofMillis(300));
            List<SimpleMeterRegistry> registries = List.of(new SimpleMeterRegistry(), new SimpleMeterRegistry(),
                    new SimpleMeterRegistry());
            try (Indexer one = Indexer.start(quick.consumer("r1").build(), fx.redisOptions, fx.keys, registries.get(0));
                 Indexer two = Indexer.start(quick.consumer("r2").build(), fx.redisOptions, fx.keys, registries.get(1));
                 Indexer three = Indexer.start(quick.consumer("r3").build(), fx.redisOptions, fx.keys,
                         registries.get(2))) {
                for (int round = 0; round < 40; round++) {
                    publish(fx, 5, 16);
                    Thread.sleep(10);
                    fx.redis().del(fx.keys.lease(0)); // as if the holder had paused past its lease: anyone takes over
                }
                assertTrue(one.awaitIdle(Duration.ofSeconds(30)));
            }
            assertEquals(3200, metaPackets(fx));
            assertEquals(3200, volumePackets(fx));
            double taken = 0;
            double acked = 0;
            for (SimpleMeterRegistry r : registries) {
                taken += r.get(IndexerMeters.SHARDS_TAKEN.meterName()).counter().count();
                acked += r.get(IndexerMeters.ENTRIES_ACKED.meterName()).counter().count();
            }
            assertTrue(taken >= 10, "the shard changed hands often: " + taken);
            assertEquals(200, acked, "each entry acknowledged by exactly one of them");
            List<String> announced = fx.redis().xrange(fx.keys.changes(0), Range.create("-", "+")).stream()
                    .flatMap(m -> m.getBody().values().stream())
                    .flatMap(block -> ChangeEntryFormat.decode(block, bad -> { }).stream().flatMap(Optional::stream))
                    .filter(e -> e instanceof ChangeEvent.EntryIndexed)
                    .map(e -> ((ChangeEvent.EntryIndexed) e).entryId()).toList();
            assertEquals(200, announced.size(), "each entry announced once");
            assertEquals(200, Set.copyOf(announced).size());
            assertEquals(0, fx.redis().xlen(fx.keys.deadLetters(0)));
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anEntryTrimmedWhilePendingDoesNotStayPendingForEver(String uri) {
        try (IndexerFixture fx = new IndexerFixture(uri)) {
            publish(fx, 3, 2);
            List<StreamEntry> lost = readAndCrash(fx, "crashed");
            fx.redis().xdel(fx.keys.stream(0), lost.get(1).id());
            try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("survivor").build(),
                    fx.redisOptions, fx.keys, new SimpleMeterRegistry())) {
                assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
            }
            assertEquals(4, metaPackets(fx));
        }
    }
}

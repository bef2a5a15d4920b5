package io.packetstream.query.read;

import io.lettuce.core.XReadArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.packetstream.query.fixture.IndexFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Question 5 over all time for one sensor reads that sensor's part of the stream (from its first indexed entry, or
 * the first unindexed one) instead of every sensor's entries: a subscription to a quiet sensor beside a busy one
 * answered only after the busy one's whole stream went by. On a Redis of its own, so that its command counts are
 * this test's.
 */
class SensorScanIT {

    private static final byte[] SEQ = HexFormat.of().parseHex("c0ffee");
    private static final int PAGE_ENTRIES = 4;
    private static final int PACKETS_PER_ENTRY = 5;

    private final KeySchema keys = new KeySchema("sensorscan");

    @Test
    void oneSensorOverAllTimeReadsOnlyFromItsOwnFirstEntry() {
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate());
             IndexFixture fixture = new IndexFixture(redis.uri(), keys);
             RedisLink link = new RedisLink(RedisOptions.of(redis.uri()))) {
            for (int e = 0; e < 100; e++) {
                fixture.add(0, entry("busy", e));
            }
            for (int e = 0; e < 3; e++) {
                fixture.add(0, entry("quiet", e));
            }
            // an indexer has read everything so far; what comes next is not indexed yet
            fixture.redis().xgroupCreate(XReadArgs.StreamOffset.from(b(keys.stream(0)), "$"),
                    b(KeySchema.CONSUMER_GROUP));
            for (int e = 3; e < 5; e++) {
                fixture.append(0, entry("quiet", e));
            }
            IndexReader reader = new IndexReader(link, keys, 100, PAGE_ENTRIES, 100, new SimpleMeterRegistry());

            long before = xrangeCalls(fixture);
            assertEquals(5 * PACKETS_PER_ENTRY, results(reader, Optional.of("quiet")),
                    "the quiet sensor's indexed and unindexed packets");
            long quiet = xrangeCalls(fixture) - before;
            assertTrue(quiet <= 3, "pages read for the quiet sensor's 5 entries: " + quiet);

            before = xrangeCalls(fixture);
            assertEquals(105 * PACKETS_PER_ENTRY, results(reader, Optional.empty()), "every sensor's packets");
            assertTrue(xrangeCalls(fixture) - before >= 105 / PAGE_ENTRIES, "all sensors: the whole stream");
        }
    }

    private static long results(IndexReader reader, Optional<String> sensor) {
        Question.Containing q = new Question.Containing(SEQ, 100_000, new Question.Scope(TimeRange.ALL, sensor));
        Answer answer = reader.answer(q).block(Duration.ofSeconds(10));
        return answer.results().count().block(Duration.ofSeconds(10));
    }

    private static List<TestPacket> entry(String sensor, int e) {
        List<TestPacket> packets = new ArrayList<>();
        for (int i = 0; i < PACKETS_PER_ENTRY; i++) {
            packets.add(TestPacket.udp("2026-11-21T10:" + String.format("%02d:%02d", e / 60, e % 60) + "."
                    + String.format("%03d", i) + "Z", sensor, "10.0.0.1", 1000 + i, "10.0.0.2", 53, SEQ));
        }
        return packets;
    }

    private static long xrangeCalls(IndexFixture fixture) {
        String stats = fixture.redis().info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_xrange:calls=")) {
                return Long.parseLong(line.substring("cmdstat_xrange:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }
}

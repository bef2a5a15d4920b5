package io.packetstream.query.read;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.QueryMeters;
import io.packetstream.query.fixture.IndexFixture;
import io.packetstream.query.fixture.TestPacket;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Question 5 reads the stream only while results are wanted: nothing before the first request, a few pages per
 * request, nothing after the limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacketScanIT {

    private static final int ENTRIES = 200;
    private static final int PACKETS_PER_ENTRY = 5;
    private static final int PAGE_ENTRIES = 4;
    private static final byte[] SEQ = HexFormat.of().parseHex("c0ffee");

    private final KeySchema keys = new KeySchema("scan-" + UUID.randomUUID().toString().substring(0, 8));
    private RedisLink link;
    private SimpleMeterRegistry registry;
    private IndexReader reader;

    @BeforeAll
    void seed() {
        String uri = TestRedis.shared().uri();
        try (IndexFixture fixture = new IndexFixture(uri, keys)) {
            for (int e = 0; e < ENTRIES; e++) {
                List<TestPacket> batch = new ArrayList<>();
                for (int i = 0; i < PACKETS_PER_ENTRY; i++) {
                    batch.add(TestPacket.udp("2026-11-21T10:00:" + String.format("%02d", e % 60) + "." + String.format(
                            "%03d", i) + "Z", "s1", "10.0.0.1", 1000 + i, "10.0.0.2", 53, SEQ));
                }
                fixture.add(0, batch);
            }
        }
        link = new RedisLink(RedisOptions.of(uri));
        registry = new SimpleMeterRegistry();
        reader = new IndexReader(link, keys, 100, PAGE_ENTRIES, 100, registry);
    }

    @AfterAll
    void close() {
        link.close();
    }

    private Question.Containing question(int limit) {
        return new Question.Containing(SEQ, limit, new Question.Scope(TimeRange.ALL, Optional.empty()));
    }

    @Test
    void scansOnlyAsFarAsDemandReaches() {
        Answer answer = reader.answer(question(100_000)).block(Duration.ofSeconds(10));
        ScanProgress progress = answer.progress();
        StepVerifier.create(answer.results(), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertEquals(0, progress.packetsScanned(), "scanned before any request"))
                .thenRequest(3)
                .expectNextCount(3)
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertTrue(progress.packetsScanned() <= PAGE_ENTRIES * PACKETS_PER_ENTRY,
                        "scanned " + progress.packetsScanned() + " for 3 results"))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void stopsAtTheLimit() {
        Answer answer = reader.answer(question(7)).block(Duration.ofSeconds(10));
        StepVerifier.create(answer.results()).expectNextCount(7).verifyComplete();
        assertTrue(answer.progress().limitReached());
        assertTrue(answer.progress().packetsScanned() <= 2 * PAGE_ENTRIES * PACKETS_PER_ENTRY,
                "scanned " + answer.progress().packetsScanned());
    }

    @Test
    void scansEverythingWithoutALimitAndCountsIt() {
        double before = registry.get(QueryMeters.PACKETS_SCANNED.meterName()).counter().count();
        Answer answer = reader.answer(question(100_000)).block(Duration.ofSeconds(10));
        StepVerifier.create(answer.results()).expectNextCount(ENTRIES * PACKETS_PER_ENTRY).verifyComplete();
        assertEquals(ENTRIES * PACKETS_PER_ENTRY, answer.progress().packetsScanned());
        assertEquals(ENTRIES * PACKETS_PER_ENTRY,
                registry.get(QueryMeters.PACKETS_SCANNED.meterName()).counter().count() - before);
    }
}

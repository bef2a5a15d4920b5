package io.packetstream.indexer;

import io.lettuce.core.StreamMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.bytes;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterIT {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("10.0.0.2");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");

    private final IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        fx.close();
    }

    private Map<String, StreamMessage<String, byte[]>> deadLetters() {
        return fx.redis().xrange(fx.keys.deadLetters(0), io.lettuce.core.Range.create("-", "+")).stream()
                .collect(Collectors.toMap(m -> text(m.getBody().get("id")), m -> m));
    }

    private double counter(IndexerMeters meter) {
        return registry.get(meter.meterName()).counter().count();
    }

    private double counter(IndexerMeters meter, String tag, String value) {
        return registry.get(meter.meterName()).tag(tag, value).counter().count();
    }

    @Test
    void poisonEntriesGoToTheDeadLettersWithTheirReasonAndAreAcknowledged() {
        byte[] good = IndexerFixture.payload(List.of(ethernet(T0, Frames.udp(A, 1, B, 53, new byte[4]))));
        byte[] version99 = good.clone();
        version99[0] = 99;
        String v99 = fx.publishFields(0, Map.of("s", bytes("s1"), "p", version99));
        String noPayload = fx.publishFields(0, Map.of("s", bytes("s1")));
        String garbage = fx.publishFields(0, Map.of("s", bytes("s1"), "p", bytes("GET / HTTP/1.1")));
        String noSensor = fx.publishFields(0, Map.of("p", good, "x", bytes("?")));
        fx.publishFields(0, Map.of("s", bytes("s1"), "p", good));
        fx.publish(0, "s1", List.of(new IndexerFixture.Frame(T0, 60, 4242, new byte[60]),
                ethernet(T0, new byte[5]), ethernet(T0 + 1, Frames.udp(A, 1, B, 53, new byte[4]))));

        try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("d").build(), fx.redisOptions, fx.keys, registry)) {
            assertTrue(indexer.awaitIdle(Duration.ofSeconds(20)));
        }

        Map<String, StreamMessage<String, byte[]>> dead = deadLetters();
        assertEquals(4, dead.size());
        assertTrue(text(dead.get(v99).getBody().get("reason")).startsWith("unreadable: unsupported record version 99"));
        assertArrayEquals(version99, dead.get(v99).getBody().get("p"), "the original payload is kept");
        assertEquals("s1", text(dead.get(v99).getBody().get("s")));
        assertEquals("missing_field: no 'p' field", text(dead.get(noPayload).getBody().get("reason")));
        assertTrue(text(dead.get(garbage).getBody().get("reason")).startsWith("unreadable"));
        assertEquals("missing_field: no 's' field", text(dead.get(noSensor).getBody().get("reason")));
        assertTrue(fx.redis().ttl(fx.keys.deadLetters(0)) > 0);

        assertEquals(0, fx.redis().xpending(fx.keys.stream(0), "indexers").getCount(), "all acknowledged");
        assertEquals("2", text(fx.redis().hget(fx.keys.meta(0), "packets")), "the good packets are indexed");
        assertEquals(2, counter(IndexerMeters.DEAD_LETTERS, "reason", DeadLetter.UNREADABLE));
        assertEquals(2, counter(IndexerMeters.DEAD_LETTERS, "reason", DeadLetter.MISSING_FIELD));
        assertEquals(1, counter(IndexerMeters.PACKETS_MALFORMED, "reason", "unknown_link_type"));
        assertEquals(1, counter(IndexerMeters.PACKETS_MALFORMED, "reason", "truncated"));
    }

    @Test
    void aForeignKeyOfAnotherTypeCostsOnlyItsOwnWriteAndIsCounted() {
        long later = T0 + 3 * 3_600_000_000_000L; // another hour: its own keys
        fx.publish(0, "s1", List.of(ethernet(later, Frames.udp(A, 1, B, 53, new byte[4]))));
        for (int i = 0; i < 3; i++) {
            fx.publish(0, "s1", List.of(ethernet(T0, Frames.udp(A, 1, B, 53, new byte[4]))));
        }
        long hour = Math.floorDiv(CaptureTime.epochMinute(later), 60);
        fx.redis().set(fx.keys.services(0, "s1", TimeBucket.hour(hour)), bytes("in the way"));

        try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("d").build(), fx.redisOptions, fx.keys,
                registry)) {
            assertTrue(indexer.awaitIdle(Duration.ofSeconds(30)));
        }

        assertEquals(Map.of(), deadLetters(), "no entry is lost for one foreign key");
        assertEquals("4", text(fx.redis().hget(fx.keys.meta(0), "packets")), "every packet is indexed");
        assertEquals("in the way", text(fx.redis().get(fx.keys.services(0, "s1", TimeBucket.hour(hour)))));
        assertEquals(1, counter(IndexerMeters.WRITES_SKIPPED));
    }

    @Test
    void replayedDeadLettersAreIndexedOnceTheirCauseIsFixed() {
        fx.publishFields(0, Map.of("s", bytes("s1"))); // no payload: nothing to replay, it stays
        try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("d").build(), fx.redisOptions, fx.keys,
                registry)) {
            assertTrue(indexer.awaitIdle(Duration.ofSeconds(30)));
        }
        // as an older indexer leaves an entry it could not read, whose record the indexer now reads
        byte[] payload = IndexerFixture.payload(List.of(ethernet(T0, Frames.udp(A, 1, B, 53, new byte[4])),
                ethernet(T0 + 1, Frames.udp(B, 53, A, 1, new byte[8]))));
        fx.redis().xadd(fx.keys.deadLetters(0), Map.of("id", bytes("1-1"), "reason", bytes("unreadable"),
                "s", bytes("s1"), "p", payload));
        assertEquals(2, deadLetters().size());

        java.io.StringWriter out = new java.io.StringWriter();
        int exit = new picocli.CommandLine(new IndexerMain()).setOut(new java.io.PrintWriter(out))
                .execute("--redis", fx.redisOptions.uris().get(0), "--namespace", fx.keys.namespace(),
                        "--replay-dead-letters");
        assertEquals(0, exit);
        assertEquals("replayed 1 dead letter(s) into the packet streams; 1 without a payload kept", out.toString().trim());
        assertEquals(1, deadLetters().size(), "the letter without a payload stays");

        try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("d").build(), fx.redisOptions, fx.keys,
                registry)) {
            assertTrue(indexer.awaitIdle(Duration.ofSeconds(30)));
        }
        assertEquals("2", text(fx.redis().hget(fx.keys.meta(0), "packets")), "the replayed packets are indexed");
        assertEquals(1, deadLetters().size());
    }
}

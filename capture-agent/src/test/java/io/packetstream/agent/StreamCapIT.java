package io.packetstream.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.source.Captured;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.PacketBatchReader;
import io.packetstream.core.record.PacketRecord;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream never holds more than {@code --max-len} entries the indexers have not acknowledged, and trimming never
 * removes one: with no indexer running a file replay stops at the cap and waits; once entries are acknowledged it
 * goes on, and the indexers get every packet exactly once.
 */
class StreamCapIT {

    private static final String SENSOR = "cap";
    private static final int CAP = 20;
    private static final int PACKETS = 300;

    @TempDir
    Path dir;

    private final String uri = TestRedis.shared().uri();
    private final KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
    private final Streams streams = new Streams(uri);

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void replayWaitsAtTheCapWithoutAnIndexerAndDeliversEveryPacketOnceWhenEntriesAreAcknowledged() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("cap.pcap"), 3, PACKETS / 3, 1_000);
        List<Captured> expected = Captured.of(file);
        String stream = keys.stream(0);
        Logger senderLog = (Logger) LoggerFactory.getLogger("io.packetstream.agent.publish.CapEpisodes");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        senderLog.addAppender(logged);
        try {
            CaptureAgent agent = new CaptureAgent(AgentOptions.forFiles(List.of(file), RedisOptions.of(uri), keys,
                    PublishOptions.builder(SENSOR).maxLen(CAP).batchPackets(1).bufferPackets(8).build()),
                    new SimpleMeterRegistry());
            CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);

            awaitWarning(logged);
            // the agent said it waits: now prove it does, and that nothing was trimmed to make room
            Thread.sleep(1_000);
            assertFalse(run.isDone(), "the replay finished although no indexer acknowledged anything");
            assertTrue(streams.length(keys, 0) <= CAP, "XLEN " + streams.length(keys, 0) + " above the cap");
            assertEquals(expected.subList(0, (int) streams.length(keys, 0)), streams.packets(keys, 0, SENSOR),
                    "the stream must hold the first packets, none trimmed");

            List<Captured> received = actAsIndexer(stream, run, CAP);

            CaptureAgent.AgentResult result = run.get(60, TimeUnit.SECONDS);
            assertEquals(expected, received);
            assertEquals(PACKETS, result.counts().published());
            assertEquals(0, result.counts().dropped());
            assertEquals(1, logged.list.stream().filter(e -> e.getFormattedMessage()
                    .startsWith("waiting for indexers, stream at cap")).count(), "one warning per wait");
        } finally {
            senderLog.detachAppender(logged);
        }
    }

    @Test
    void acknowledgedEntriesAreTrimmedToAboutMaxLen() throws Exception {
        Path file = TestTraffic.flows(dir.resolve("many.pcap"), 10, 300, 1_000);
        CaptureAgent agent = new CaptureAgent(AgentOptions.forFiles(List.of(file), RedisOptions.of(uri), keys,
                PublishOptions.builder(SENSOR).maxLen(100).batchPackets(1).build()), new SimpleMeterRegistry());
        CompletableFuture<CaptureAgent.AgentResult> run = AgentRuns.inBackground(agent);
        int cap = 100;

        List<Captured> received = actAsIndexer(keys.stream(0), run, cap);

        assertEquals(3000, run.get(60, TimeUnit.SECONDS).counts().published());
        assertEquals(Captured.of(file), received);
        long length = streams.length(keys, 0);
        assertTrue(length >= 100 && length < 1000, "XLEN " + length + " after 3000 entries with --max-len 100");
    }

    private static void awaitWarning(ListAppender<ILoggingEvent> logged) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (logged.list.stream().noneMatch(e -> e.getFormattedMessage().startsWith("waiting for indexers"))) {
            assertTrue(System.nanoTime() < deadline, "the agent never said it waits at the cap");
            Thread.sleep(20);
        }
    }

    /** Reads and acknowledges entries as an indexer would, until the replay ended and nothing is left. */
    private List<Captured> actAsIndexer(String stream, CompletableFuture<?> run, int cap) {
        streams.redis().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), KeySchema.CONSUMER_GROUP,
                io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
        Consumer<String> me = Consumer.from(KeySchema.CONSUMER_GROUP, "test");
        List<Captured> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            boolean ended = run.isDone();
            List<StreamMessage<String, byte[]>> read = streams.redis().xreadgroup(me,
                    XReadArgs.Builder.count(7).block(Duration.ofMillis(100)), XReadArgs.StreamOffset.lastConsumed(stream));
            for (StreamMessage<String, byte[]> m : read) {
                for (PacketRecord r : PacketBatchReader.read(m.getBody().get(StreamEntryFields.PACKETS))) {
                    received.add(new Captured(r.timestampNanos(), r.originalLength(), r.linkType(),
                            Arrays.copyOfRange(r.data(), r.offset(), r.offset() + r.capturedLength())));
                }
                streams.redis().xack(stream, KeySchema.CONSUMER_GROUP, m.getId());
            }
            long unacknowledged = unacknowledged(stream);
            assertTrue(unacknowledged <= cap, unacknowledged + " entries not acknowledged, above the cap");
            if (ended && read.isEmpty()) {
                return received;
            }
        }
        throw new AssertionError("the replay did not end; received " + received.size());
    }

    /** Pending plus not yet delivered, as Redis counts them (XINFO GROUPS). */
    private long unacknowledged(String stream) {
        for (Object group : streams.redis().xinfoGroups(stream)) {
            List<?> fields = (List<?>) group;
            java.util.Map<String, Object> g = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                Object k = fields.get(i);
                g.put(k instanceof byte[] b ? new String(b) : String.valueOf(k), fields.get(i + 1));
            }
            return ((Number) g.get("pending")).longValue() + ((Number) g.get("lag")).longValue();
        }
        throw new AssertionError("no group");
    }
}

package io.packetstream.agent;

import io.packetstream.agent.source.Captured;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.pace.Pacer;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.agent.source.PacketSink;
import io.packetstream.agent.source.PacketSource;
import io.packetstream.agent.source.PlausibleTime;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live capture with Redis unreachable: the capture thread never waits, the bounded buffer fills, the rest is
 * dropped and counted, and what was buffered is published once Redis is back. A fake source stands in for
 * libpcap so the numbers are exact.
 */
class LiveDropIT {

    private static final int BUFFER = 100;
    private static final int OFFERED = 1000;

    /** Delivers {@link #OFFERED} packets as fast as it is polled, then ends. */
    private static final class BurstSource implements PacketSource {
        private int next;

        @Override
        public int poll(PacketSink sink, int max) {
            if (next == OFFERED) {
                return -1;
            }
            int n = 0;
            while (n < max && next < OFFERED) {
                byte[] frame = TestTraffic.frame(next % 10, next);
                sink.accept(TestTraffic.START + next, frame.length, 1, frame, 0, frame.length);
                next++;
                n++;
            }
            return n;
        }

        @Override
        public String name() {
            return "burst";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFullBufferDropsAndCountsWithoutBlockingTheCaptureThread() throws Exception {
        KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
        try (RedisProcess redis = RedisProcess.launch(RedisBinary.locate())) {
            redis.stop(); // unreachable from the start
            AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
            PublishOptions options = PublishOptions.builder("live").overflow(PublishOptions.Overflow.DROP)
                    .bufferPackets(BUFFER).batchPackets(10).backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build();
            try (StreamPublisher publisher = StreamPublisher.start(RedisOptions.of(redis.uri()), keys, options, metrics)) {
                CaptureLoop loop = new CaptureLoop(publisher, metrics, Pacer.of(0),
                        PlausibleTime.forFiles(PlausibleTime::systemNanos), () -> false); // fixed 2026 times
                long start = System.nanoTime();
                assertTrue(loop.run(new BurstSource()));
                long elapsed = System.nanoTime() - start;

                AgentCounts counts = metrics.snapshot();
                assertTrue(elapsed < Duration.ofSeconds(2).toNanos(), "the capture thread never waits: " + elapsed / 1e6 + " ms");
                assertEquals(OFFERED, counts.captured());
                assertEquals(OFFERED - BUFFER, counts.droppedBufferFull());
                assertEquals(0, counts.published());
                assertEquals(BUFFER, publisher.buffered());

                redis.start();
                assertTrue(publisher.awaitPublished(Duration.ofSeconds(30)), publisher.lastError());
                assertEquals(BUFFER, metrics.snapshot().published());
            }
            List<Captured> firstHundred = new ArrayList<>();
            for (int i = 0; i < BUFFER; i++) {
                byte[] frame = TestTraffic.frame(i % 10, i);
                firstHundred.add(new Captured(TestTraffic.START + i, frame.length, 1, frame));
            }
            try (Streams streams = new Streams(redis.uri())) {
                assertEquals(firstHundred, streams.packets(keys, 0, "live"));
            }
        }
    }

    @Test
    void aStreamAtItsCapOfUnacknowledgedEntriesMakesALiveCaptureDropAndCountWithoutTrimmingAny() throws Exception {
        KeySchema keys = new KeySchema("t" + UUID.randomUUID().toString().substring(0, 8));
        int cap = 30;
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        PublishOptions options = PublishOptions.builder("live").overflow(PublishOptions.Overflow.DROP)
                .maxLen(cap).batchPackets(1).bufferPackets(OFFERED).build();
        String uri = io.packetstream.testsupport.redis.TestRedis.shared().uri();
        try (StreamPublisher publisher = StreamPublisher.start(RedisOptions.of(uri), keys, options, metrics)) {
            assertTrue(publisher.awaitReady(Duration.ofSeconds(30)), publisher.lastError());
            CaptureLoop loop = new CaptureLoop(publisher, metrics, Pacer.of(0),
                    PlausibleTime.forFiles(PlausibleTime::systemNanos), () -> false); // fixed 2026 times
            assertTrue(loop.run(new BurstSource()));
            assertTrue(publisher.awaitPublished(Duration.ofSeconds(60)), publisher.lastError());
        }
        AgentCounts counts = metrics.snapshot();
        assertEquals(cap, counts.published(), "no indexer: only the cap is published");
        assertEquals(OFFERED - cap, counts.droppedStreamFull());
        assertEquals(OFFERED - cap, counts.dropped());
        List<Captured> first = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            byte[] frame = TestTraffic.frame(i % 10, i);
            first.add(new Captured(TestTraffic.START + i, frame.length, 1, frame));
        }
        try (Streams streams = new Streams(uri)) {
            assertEquals(first, streams.packets(keys, 0, "live"), "the first packets, none trimmed");
        }
    }
}

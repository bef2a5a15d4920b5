package io.packetstream.indexer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis goes away mid-stream and comes back (with its AOF): the indexer resumes alone and counts every packet once. */
class RedisRestartIT {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("192.168.7.7");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");

    @Test
    void theIndexerRecoversFromARedisRestartAndIndexesEveryEntryExactlyOnce() throws Exception {
        RedisProcess server = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(),
                List.of("--appendonly", "yes", "--appendfsync", "always"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<IndexerFixture.Frame> frames = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            frames.add(ethernet(T0 + p, Frames.tcp(A, 30000 + p, B, 22, 0x18, new byte[100])));
        }
        try (IndexerFixture fx = new IndexerFixture(server.uri())) {
            for (int e = 0; e < 3000; e++) {
                fx.publish(0, "s1", frames);
            }
            long before;
            // the outage (1.5 s) outlasts the indexer's command timeout, so it must be observed: with the default
            // 5 s a commit in flight is simply re-sent after the reconnect (harmlessly: its entries are no longer
            // pending) and nothing fails
            try (Indexer indexer = Indexer.start(IndexerFixture.fastOptions("restart").batchEntries(8).build(),
                    fx.redisOptions.withCommandTimeout(Duration.ofMillis(500)), fx.keys, registry)) {
                while (metaPackets(fx) == 0) {
                    Thread.sleep(2);
                }
                server.stop();
                before = (long) registry.get(IndexerMeters.PACKETS_INDEXED.meterName()).counter().count();
                Thread.sleep(1500);
                server.start();
                for (int e = 0; e < 100; e++) {
                    publishWhenConnected(fx, frames);
                }
                // the writer takes the shard over again: the journal of a batch caught mid-way, then the pending entries
                assertTrue(indexer.awaitIdle(Duration.ofSeconds(30)), "the indexer caught up after the restart");
            }
            assertTrue(before < 3100 * 16, "Redis went away mid-stream (" + before + " packets indexed by then)");
            assertEquals(3100 * 16, metaPackets(fx));
            long minute = CaptureTime.epochMinute(T0);
            assertEquals(Long.toString(3100 * 16), text(fx.redis().hget(
                    fx.keys.volume(0, "s1", A, B, Math.floorDiv(minute, 1440)), "p" + Math.floorMod(minute, 1440))));
            assertEquals(0, fx.redis().xlen(fx.keys.deadLetters(0)));
            // which outage kind shows depends on what was in flight: a dropped connection, a timeout, or LOADING
            // while the restarted Redis replays its append-only file
            double outages = 0;
            for (String kind : List.of("connection", "unavailable", "timeout")) {
                outages += registry.find(IndexerMeters.ERRORS.meterName()).tag("kind", kind).counters().stream()
                        .mapToDouble(c -> c.count()).sum();
            }
            assertTrue(outages > 0, "the outage was counted");
        } finally {
            server.stop();
        }
    }

    /** The test's own connection reconnects on its own schedule; a rejected XADD was never sent, so retry it. */
    private static void publishWhenConnected(IndexerFixture fx, List<IndexerFixture.Frame> frames) throws InterruptedException {
        while (true) {
            try {
                fx.publish(0, "s1", frames);
                return;
            } catch (io.lettuce.core.RedisException e) {
                if (!String.valueOf(e.getMessage()).contains("not connected")) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static long metaPackets(IndexerFixture fx) {
        try {
            byte[] v = fx.redis().hget(fx.keys.meta(0), "packets");
            return v == null ? 0 : Long.parseLong(text(v));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

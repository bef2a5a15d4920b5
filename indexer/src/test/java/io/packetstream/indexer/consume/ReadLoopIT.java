package io.packetstream.indexer.consume;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.IndexerOptions;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.packetstream.indexer.IndexerFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadLoopIT {

    private static final Pattern CALLS = Pattern.compile("cmdstat_xreadgroup:calls=(\\d+)");

    @Test
    void readsHappenOnlyOnDemand() {
        try (TestRedis server = TestRedis.privateServer(); IndexerFixture fx = new IndexerFixture(server.uri())) {
            for (int i = 0; i < 5; i++) {
                fx.publishFields(0, Map.of("s", bytes("s1"), "p", new byte[]{1, 0}));
            }
            IndexerOptions options = IndexerFixture.fastOptions("c").batchEntries(1)
                    .claimInterval(Duration.ofHours(1)).build();
            StreamCommands commands = new StreamCommands(fx.redis());
            ReadLoop loop = new ReadLoop(0, fx.keys, () -> commands, options,
                    new BatchBuilder(fx.keys, AddressClassifier.defaults()), new FailureMemory(),
                    new ConsumerMetrics(new SimpleMeterRegistry(), new AtomicLong()), System::nanoTime);

            StepVerifier.create(loop.reads(false, () -> false), 0)
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(200))
                    .then(() -> assertEquals(0, xreadgroupCalls(fx), "no read without demand"))
                    .thenRequest(1)
                    .assertNext(read -> assertEquals(ReadBatch.Source.NEW, read.source()))
                    .then(() -> assertEquals(2, xreadgroupCalls(fx), "own pending (none), then one new entry"))
                    .thenRequest(2)
                    .expectNextCount(2)
                    .expectNoEvent(Duration.ofMillis(300))
                    .then(() -> assertEquals(4, xreadgroupCalls(fx), "one read per requested batch, none ahead"))
                    .thenRequest(3)
                    .expectNextCount(2)
                    .assertNext(read -> assertEquals(0, read.batch().entryIds().size(), "BLOCK timed out"))
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
            assertEquals(7, xreadgroupCalls(fx));
        }
    }

    private static long xreadgroupCalls(IndexerFixture fx) {
        Matcher m = CALLS.matcher(fx.redis().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

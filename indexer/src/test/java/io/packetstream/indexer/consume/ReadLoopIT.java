package io.packetstream.indexer.consume;

import io.packetstream.core.address.AddressClassifier;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.packetstream.indexer.IndexerFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch of large entries is read in short calls, a few per round trip, and still comes whole and in order. */
class ReadLoopIT {

    @Test
    void aBatchOfLargeEntriesIsReadInSeveralTripsWholeAndInOrder() {
        try (IndexerFixture fx = new IndexerFixture(TestRedis.shared().uri())) {
            int entryBytes = 100 * 1024; // two a call: one trip of CALLS_PER_TRIP calls brings 8 entries
            int batchEntries = 32;
            List<String> published = new ArrayList<>();
            for (int i = 0; i < batchEntries + 8; i++) {
                published.add(fx.publishFields(0, Map.of("s", bytes("s1"), "p", new byte[entryBytes])));
            }
            ReadLoop reads = new ReadLoop(0, fx.keys, () -> new StreamCommands(fx.connection()), "c", batchEntries,
                    Duration.ofMillis(20), new BatchBuilder(fx.keys, AddressClassifier.defaults()));
            reads.takeOver();

            IndexBatch first = reads.next();
            assertEquals(published.subList(0, batchEntries), first.entryIds(), "a whole batch, not one trip's worth");
            assertEquals(published.subList(batchEntries, batchEntries + 8), reads.next().entryIds());
            assertEquals(List.of(), reads.next().entryIds());
            assertEquals(batchEntries + 8, fx.redis().xpending(fx.keys.stream(0), "indexers").getCount());
        }
    }
}

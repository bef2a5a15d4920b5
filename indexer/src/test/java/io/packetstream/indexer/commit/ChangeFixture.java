package io.packetstream.indexer.commit;

import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.record.ClockHeartbeat;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.write.BatchBuilder;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.StreamEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.packetstream.indexer.IndexerFixture.text;

/**
 * Commits batches of shard 0 with real shard writers and reads the change stream back as parsed events: one list per
 * change-stream entry, in field order {@code 0, 1, …}.
 */
final class ChangeFixture implements AutoCloseable {

    static final String GROUP = KeySchema.CONSUMER_GROUP;

    final IndexerFixture fx;
    private final BatchBuilder builder;

    ChangeFixture(String uri) {
        fx = new IndexerFixture(uri);
        builder = new BatchBuilder(fx.keys, AddressClassifier.defaults());
        fx.redis().xgroupCreate(XReadArgs.StreamOffset.from(fx.keys.stream(0), "0"), GROUP,
                XGroupCreateArgs.Builder.mkstream());
    }

    /** Change events kept long enough for any test. */
    static final Duration KEEP = Duration.ofMinutes(10);
    /** Counts nothing: these tests look at Redis. */
    static final WriteStats NO_STATS = new WriteStats() {
        @Override
        public void writeSkipped() {
        }

        @Override
        public void journalReplayed(int entries) {
        }

        @Override
        public void journalUnreadable() {
        }
    };

    private final List<ShardWriter> writers = new ArrayList<>();
    private ShardWriter c1;
    /** the wall clock of c1's writer: change-entry ids and how often volume totals are announced */
    private final long[] wall = {System.currentTimeMillis()};

    /** @return a writer of shard 0 that took the shard over as {@code owner} (the lease must be free or its own) */
    ShardWriter writer(String owner, Duration changeRetention) {
        return writer(owner, changeRetention, System::currentTimeMillis);
    }

    ShardWriter writer(String owner, Duration changeRetention, java.util.function.LongSupplier wallMillis) {
        ShardWriter w = new ShardWriter(0, fx.keys, fx.connect(), new ShardWriter.Settings(owner,
                Duration.ofSeconds(30), Duration.ofDays(7), 1000, changeRetention, Duration.ofSeconds(10)),
                NO_STATS, System::nanoTime, wallMillis);
        writers.add(w);
        if (!w.acquire()) {
            throw new AssertionError("the lease of shard 0 is not free for " + owner);
        }
        w.takeOver();
        return w;
    }

    /** Commits a batch and waits until it is acknowledged. */
    static CommitResult commit(ShardWriter writer, IndexBatch batch) {
        java.util.concurrent.atomic.AtomicReference<CommitResult> result = new java.util.concurrent.atomic.AtomicReference<>();
        writer.commit(batch, result::set);
        writer.settle();
        return result.get();
    }

    /** Gives the lease of shard 0 up, whoever holds it, as if its holder had stopped renewing it. */
    void expireLease() {
        fx.redis().del(fx.keys.lease(0));
    }

    List<StreamEntry> readAs(String consumer) {
        List<StreamMessage<String, byte[]>> messages = fx.redis().xreadgroup(Consumer.from(GROUP, consumer),
                XReadArgs.Builder.count(1000), XReadArgs.StreamOffset.lastConsumed(fx.keys.stream(0)));
        return messages.stream().map(m -> StreamEntry.of(m.getId(), m.getBody())).toList();
    }

    IndexBatch batch(List<StreamEntry> entries) {
        return builder.build(0, entries);
    }

    /** Publishes one entry of frames from sensor s1 and commits it as one batch; returns the result. */
    CommitResult publishAndCommit(List<IndexerFixture.Frame> frames) {
        return publishAndCommit("s1", frames);
    }

    CommitResult publishAndCommit(String sensor, List<IndexerFixture.Frame> frames) {
        fx.publish(0, sensor, frames);
        return commitAll();
    }

    /** Publishes a clock heartbeat of {@code sensor} at {@code clockNanos} and commits it as one batch. */
    CommitResult heartbeatAndCommit(String sensor, long clockNanos) {
        fx.publishFields(0, Map.of(StreamEntryFields.SENSOR, IndexerFixture.bytes(sensor),
                StreamEntryFields.PACKETS, ClockHeartbeat.encode(clockNanos)));
        return commitAll();
    }

    /** Reads every new entry as consumer c1 and commits them as one batch, with c1's writer. */
    CommitResult commitAll() {
        return commit(c1(), batch(readAs("c1")));
    }

    /** @return c1's writer, taking the shard over on first use */
    ShardWriter c1() {
        if (c1 == null) {
            c1 = writer("c1", KEEP, () -> wall[0]);
        }
        return c1;
    }

    /** Moves c1's wall clock on. */
    void advanceWall(long millis) {
        wall[0] += millis;
    }

    /** @return the change stream, one list of events per entry (fields 0, 1, … decoded in order) */
    List<List<ChangeEvent>> entries() {
        List<List<ChangeEvent>> out = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : fx.redis().xrange(fx.keys.changes(0), Range.create("-", "+"))) {
            List<Map.Entry<String, byte[]>> fields = new ArrayList<>(m.getBody().entrySet());
            fields.sort(Comparator.comparingInt(f -> Integer.parseInt(f.getKey())));
            List<ChangeEvent> events = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).getKey().equals(Integer.toString(i))) {
                    throw new AssertionError("fields of " + m.getId() + " are not 0, 1, 2, ...: " + m.getBody().keySet());
                }
                ChangeEntryFormat.decode(fields.get(i).getValue(), bad -> {
                    throw new AssertionError(m.getId() + ": " + bad);
                }).forEach(e -> events.add(e.orElseThrow()));
            }
            out.add(events);
        }
        return out;
    }

    /** @return the events of the newest change entry */
    List<ChangeEvent> last() {
        List<List<ChangeEvent>> all = entries();
        if (all.isEmpty()) {
            throw new AssertionError("the change stream is empty");
        }
        return all.get(all.size() - 1);
    }

    /** @return every event of the change stream, in order */
    List<ChangeEvent> all() {
        return entries().stream().flatMap(List::stream).toList();
    }

    /** @return the events of the given types, in stream order */
    List<ChangeEvent> of(List<ChangeEvent> events, Class<?>... types) {
        return events.stream().filter(e -> List.of(types).stream().anyMatch(t -> t.isInstance(e))).toList();
    }

    @Override
    public void close() {
        writers.forEach(ShardWriter::close);
        fx.close();
    }
}

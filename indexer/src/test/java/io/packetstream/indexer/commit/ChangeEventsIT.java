package io.packetstream.indexer.commit;

import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.indexer.Redis62;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change entry each committed batch writes: every event type, once, and only for what was applied. */
class ChangeEventsIT {

    private static final IpAddress CLIENT = IpAddress.parse("10.0.0.1");
    private static final IpAddress SERVER = IpAddress.parse("172.16.9.33");
    private static final IpAddress TALKER = IpAddress.parse("10.10.0.11");
    private static final IpAddress OUTSIDE = IpAddress.parse("203.0.113.80");
    private static final IpAddress DNS = IpAddress.parse("8.8.8.8");
    private static final IpAddress LOCAL6 = IpAddress.parse("fd00::1");
    private static final IpAddress OUTSIDE6 = IpAddress.parse("2001:db8::80");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");
    private static final long MS = 1_000_000;
    private static final long MINUTE = CaptureTime.epochMinute(T0);
    private static final byte[] SYN = Frames.tcp(CLIENT, 51515, SERVER, 80, 0x02, new byte[0]);
    private static final byte[] QUERY = Frames.udp(TALKER, 5353, OUTSIDE, 53, new byte[12]);
    private static final byte[] PING = Frames.echoRequest(CLIENT, DNS, new byte[8]);
    private static final byte[] QUERY6 = Frames.udp(LOCAL6, 5353, OUTSIDE6, 53, new byte[12]);

    private final ChangeFixture changes = new ChangeFixture(TestRedis.shared().uri());
    private final IndexerFixture fx = changes.fx;

    @AfterEach
    void close() {
        changes.close();
    }

    private static Connection connection(int protocol, IpAddress a, int aPort, IpAddress b, int bPort) {
        Endpoint x = new Endpoint(a, aPort);
        Endpoint y = new Endpoint(b, bPort);
        return x.compareTo(y) <= 0 ? new Connection(protocol, x, y) : new Connection(protocol, y, x);
    }

    private static List<ChangeEvent> sorted(List<ChangeEvent> events) {
        return events.stream().sorted(Comparator.comparing(ChangeEvent::toString)).toList();
    }

    private static IndexerFixture.Frame at(long ms, byte[] frame) {
        return ethernet(T0 + ms * MS, frame);
    }

    @Test
    void everyEventTypeComesFromRealFrames() {
        String id = fx.publish(0, "s1", List.of(at(0, SYN), at(100, QUERY), at(200, PING), at(300, QUERY6)));
        CommitResult result = changes.commitAll();

        List<ChangeEvent> actives = List.of(
                new ConnectionActive("s1", connection(6, CLIENT, 51515, SERVER, 80), T0),
                new ConnectionActive("s1", connection(17, TALKER, 5353, OUTSIDE, 53), T0 + 100 * MS),
                new ConnectionActive("s1", connection(1, CLIENT, 0, DNS, 0), T0 + 200 * MS),
                new ConnectionActive("s1", connection(17, LOCAL6, 5353, OUTSIDE6, 53), T0 + 300 * MS));
        List<ChangeEvent> expected = new ArrayList<>(actives);
        expected.addAll(List.of(
                new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 1, SYN.length),
                new VolumeTotals("s1", TALKER, OUTSIDE, MINUTE, 1, QUERY.length),
                new VolumeTotals("s1", DNS, CLIENT, MINUTE, 1, PING.length),
                new VolumeTotals("s1", OUTSIDE6, LOCAL6, MINUTE, 1, QUERY6.length),
                new PeerSeen("s1", MINUTE, SERVER, 80, CLIENT),
                new PeerSeen("s1", MINUTE, CLIENT, 51515, SERVER),
                new PeerSeen("s1", MINUTE, OUTSIDE, 53, TALKER),
                new PeerSeen("s1", MINUTE, TALKER, 5353, OUTSIDE),
                new PeerSeen("s1", MINUTE, OUTSIDE6, 53, LOCAL6),
                new PeerSeen("s1", MINUTE, LOCAL6, 5353, OUTSIDE6),
                new ServiceSeen("s1", MINUTE, new Endpoint(SERVER, 80)),
                new ServiceSeen("s1", MINUTE, new Endpoint(OUTSIDE, 53)),
                new ServiceSeen("s1", MINUTE, new Endpoint(OUTSIDE6, 53)),
                new OutsideSeen("s1", MINUTE, TALKER, OUTSIDE),
                new OutsideSeen("s1", MINUTE, CLIENT, DNS),
                new OutsideSeen("s1", MINUTE, LOCAL6, OUTSIDE6),
                new EntryIndexed("s1", id)));

        assertEquals(1, changes.entries().size(), "one entry for the batch");
        List<ChangeEvent> entry = changes.last();
        assertEquals(sorted(expected), sorted(entry));
        assertEquals(actives, entry.subList(0, 4), "question 1's events first, by time");
        assertEquals(new EntryIndexed("s1", id), entry.get(entry.size() - 1), "entries last");
        assertEquals(Map.of(ChangeType.CONNECTION_ACTIVE, 4L, ChangeType.VOLUME, 4L, ChangeType.PEER, 6L,
                ChangeType.SERVICE, 3L, ChangeType.OUTSIDE, 3L, ChangeType.ENTRY, 1L), result.changeEvents());

        changes.publishAndCommit(List.of(at(5000, PING))); // the clock passes every end
        assertEquals(actives.stream().map(a -> (ChangeEvent) new ConnectionInactive("s1",
                        ((ConnectionActive) a).connection(), ((ConnectionActive) a).timeNanos() + 1000 * MS)).toList(),
                changes.of(changes.last(), ConnectionInactive.class));
    }

    @Test
    void volumeEventsCarryTheMinutesTotalsAfterEachBatch() {
        byte[] answer = Frames.udp(SERVER, 53, CLIENT, 5000, new byte[10]);
        byte[] question = Frames.udp(CLIENT, 5000, SERVER, 53, new byte[20]);
        changes.publishAndCommit(List.of(at(0, answer), at(1, answer), at(2, answer)));
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 3, 3L * answer.length)),
                changes.of(changes.last(), VolumeTotals.class));
        changes.advanceWall(VolumeEvents.INTERVAL_MILLIS);
        changes.publishAndCommit(List.of(at(1000, question), at(1001, question)));
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 5, 3L * answer.length + 2L * question.length)),
                changes.of(changes.last(), VolumeTotals.class));
        changes.advanceWall(VolumeEvents.INTERVAL_MILLIS);
        changes.publishAndCommit(List.of(at(60_000, question)));
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE + 1, 1, question.length)),
                changes.of(changes.last(), VolumeTotals.class));
    }

    @Test
    void aMinutesTotalsAreAnnouncedAtMostOncePerSecondAndTheNewestGoesOutLater() {
        byte[] question = Frames.udp(CLIENT, 5000, SERVER, 53, new byte[20]);
        changes.publishAndCommit(List.of(at(0, question)));
        changes.advanceWall(100);
        changes.publishAndCommit(List.of(at(1, question)));
        changes.advanceWall(100);
        changes.publishAndCommit(List.of(at(2, question)));
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 1, question.length)),
                changes.of(changes.all(), VolumeTotals.class), "the next two held back");

        changes.advanceWall(VolumeEvents.INTERVAL_MILLIS);
        fx.publish(0, "s1", List.of(at(3, PING))); // another pair: ours is due and goes out with this batch
        changes.commitAll();
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 3, 3L * question.length)),
                changes.of(changes.last(), VolumeTotals.class).stream()
                        .filter(v -> ((VolumeTotals) v).between(CLIENT, SERVER)).toList());

        changes.advanceWall(10);
        changes.publishAndCommit(List.of(at(4, question)));
        assertEquals(List.of(), changes.of(changes.last(), VolumeTotals.class).stream()
                .filter(v -> ((VolumeTotals) v).between(CLIENT, SERVER)).toList(), "held back again");
        changes.c1().flushHeld(); // the shard is idle: what is held goes out now
        assertEquals(List.of(new VolumeTotals("s1", CLIENT, SERVER, MINUTE, 4, 4L * question.length)),
                changes.last());
    }

    @Test
    void membersAreAnnouncedOncePerMinute() {
        Class<?>[] memberEvents = {PeerSeen.class, ServiceSeen.class, OutsideSeen.class};
        changes.publishAndCommit(List.of(at(0, SYN), at(0, QUERY)));
        List<ChangeEvent> first = changes.of(changes.last(), memberEvents);
        assertEquals(4 + 2 + 1, first.size(), first.toString());

        changes.publishAndCommit(List.of(at(1000, SYN), at(2000, QUERY)));
        assertEquals(List.of(), changes.of(changes.last(), memberEvents), "the same minute holds them already");

        changes.publishAndCommit(List.of(at(60_000, SYN), at(60_000, QUERY)));
        assertEquals(sorted(List.of(
                new PeerSeen("s1", MINUTE + 1, SERVER, 80, CLIENT), new PeerSeen("s1", MINUTE + 1, CLIENT, 51515, SERVER),
                new PeerSeen("s1", MINUTE + 1, OUTSIDE, 53, TALKER), new PeerSeen("s1", MINUTE + 1, TALKER, 5353, OUTSIDE),
                new ServiceSeen("s1", MINUTE + 1, new Endpoint(SERVER, 80)),
                new ServiceSeen("s1", MINUTE + 1, new Endpoint(OUTSIDE, 53)),
                new OutsideSeen("s1", MINUTE + 1, TALKER, OUTSIDE))), sorted(changes.of(changes.last(), memberEvents)));
    }

    @Test
    void everyAcknowledgedEntryButTheDeadLettersIsAnnounced() {
        byte[] arp = Frames.udp(CLIENT, 1, SERVER, 2, new byte[0]);
        arp[12] = 0x08;
        arp[13] = 0x06;
        String good = fx.publish(0, "s1", List.of(at(0, QUERY)));
        fx.publishFields(0, Map.of("s", bytes("s1"), "p", bytes("GET / HTTP/1.1")));
        String nonIp = fx.publish(0, "s2", List.of(at(0, arp)));
        String alsoGood = fx.publish(0, "s1", List.of(at(1, QUERY)));
        changes.commitAll();
        assertEquals(List.of(new EntryIndexed("s1", good), new EntryIndexed("s2", nonIp),
                new EntryIndexed("s1", alsoGood)), changes.of(changes.last(), EntryIndexed.class));
        assertEquals(1, fx.redis().xlen(fx.keys.deadLetters(0)));

        fx.publishFields(0, Map.of("s", bytes("s1")));
        changes.commitAll();
        assertEquals(1, changes.entries().size(), "a batch of dead letters only changes nothing");
    }

    @Test
    void aWriterThatLostItsLeaseWritesNothingAndTheNewOwnerWritesTheEventsOnce() {
        fx.publish(0, "s1", List.of(at(0, QUERY)));
        fx.publish(0, "s1", List.of(at(1, QUERY)));
        ShardWriter slow = changes.writer("slow", ChangeFixture.KEEP);
        IndexBatch batch = changes.batch(changes.readAs("slow"));
        changes.expireLease();
        ShardWriter fast = changes.writer("fast", ChangeFixture.KEEP);

        assertThrows(ShardWriter.LeaseLostException.class, () -> ChangeFixture.commit(slow, batch));
        assertEquals(0, fx.redis().exists(fx.keys.changes(0)));
        assertEquals(0, fx.redis().exists(fx.keys.meta(0)), "no index write either");

        ChangeFixture.commit(fast, batch);
        assertEquals(List.of(new EntryIndexed("s1", batch.entryIds().get(0)),
                        new EntryIndexed("s1", batch.entryIds().get(1))),
                changes.of(changes.all(), EntryIndexed.class));
        assertEquals(0, fx.redis().xpending(fx.keys.stream(0), ChangeFixture.GROUP).getCount());
    }

    @Test
    void aBatchCommittedButNotAcknowledgedIsFinishedByTheNextWriterWithItsEventsOnce() {
        IndexBatch batch = twoPacketBatch();
        ShardWriter crashing = changes.writer("c1", ChangeFixture.KEEP);
        ShardWriter.Prepared prepared = crashing.prepare(batch);
        crashing.store(prepared.journal());
        crashing.apply(prepared.journal().writes().subList(0, prepared.journal().writes().size() / 2));
        changes.expireLease(); // c1 dies here: half its writes applied, nothing acknowledged

        changes.writer("c2", ChangeFixture.KEEP); // takes over: applies the journal again, acknowledges it
        assertEquals(1, changes.entries().size());
        assertEquals(List.of(new EntryIndexed("s1", batch.entryIds().get(0))),
                changes.of(changes.all(), EntryIndexed.class));
        assertFinishedOnce();
    }

    /** @return a batch of one entry of two packets, read by c1 */
    private IndexBatch twoPacketBatch() {
        fx.publish(0, "s1", List.of(at(0, SYN), at(5, QUERY)));
        return changes.batch(changes.readAs("c1"));
    }

    /** The two packets of {@link #twoPacketBatch} counted once, their entry acknowledged, no journal left. */
    private void assertFinishedOnce() {
        assertEquals("2", IndexerFixture.text(fx.redis().hget(fx.keys.meta(0), "packets")), "counted once");
        assertEquals(0, fx.redis().xpending(fx.keys.stream(0), ChangeFixture.GROUP).getCount());
        assertEquals(0, fx.redis().exists(fx.keys.journal(0)));
    }

    /** The key a journal's extra write fills, to make the journal as large as a test needs. */
    private String big() {
        return fx.keys.namespace() + ":{0}:big";
    }

    /** @return the journal of the batch as {@code writer} plans it, plus one write of {@code extraBytes} to {@link #big} */
    private Journal largeJournal(ShardWriter writer, IndexBatch batch, int extraBytes) {
        List<RedisWrite> writes = new ArrayList<>(writer.prepare(batch).journal().writes());
        writes.add(new RedisWrite(CommandType.SET, big(), List.of(new byte[extraBytes])));
        return new Journal(batch.entryIds().get(0), batch.entryIds(), batch.deadLetters(), writes);
    }

    @Test
    void aJournalOfSeveralPartsIsFinishedByTheNextWriter() {
        IndexBatch batch = twoPacketBatch();
        ShardWriter crashing = changes.writer("c1", ChangeFixture.KEEP);
        crashing.store(largeJournal(crashing, batch, 3 * ShardCall.StoreJournal.MAX_BYTES));
        assertEquals("4", IndexerFixture.text(fx.redis().hget(fx.keys.journal(0), "n")));
        changes.expireLease(); // c1 dies here: nothing applied, nothing acknowledged

        changes.writer("c2", ChangeFixture.KEEP); // takes over: reads the four parts, applies, acknowledges
        assertEquals(3 * ShardCall.StoreJournal.MAX_BYTES, fx.redis().strlen(big()));
        assertEquals(List.of(new EntryIndexed("s1", batch.entryIds().get(0))),
                changes.of(changes.all(), EntryIndexed.class));
        assertFinishedOnce();
    }

    @Test
    void aCommittedJournalMissingAPartIsDroppedAsUnreadableNotAppliedInPart() {
        IndexBatch batch = twoPacketBatch();
        ShardWriter crashing = changes.writer("c1", ChangeFixture.KEEP);
        crashing.store(largeJournal(crashing, batch, 3 * ShardCall.StoreJournal.MAX_BYTES));
        fx.redis().hdel(fx.keys.journal(0), ShardCall.StoreJournal.field(2)); // lost, say, by a failover
        changes.expireLease();

        changes.writer("c2", ChangeFixture.KEEP);
        assertEquals(0, fx.redis().exists(fx.keys.journal(0)), "dropped");
        assertEquals(0, fx.redis().exists(fx.keys.meta(0), big()), "none of its writes applied");
        assertEquals(1, fx.redis().xpending(fx.keys.stream(0), ChangeFixture.GROUP).getCount(), "its entry is read again");
    }

    @Test
    void aJournalStoredWholeByAnOlderIndexerIsStillFinished() {
        IndexBatch batch = twoPacketBatch();
        Journal journal = changes.writer("c1", ChangeFixture.KEEP).prepare(batch).journal();
        fx.redis().hset(fx.keys.journal(0), Map.of("b", bytes(journal.batchId()), "w", journal.encode())); // no n
        changes.expireLease();

        changes.writer("c2", ChangeFixture.KEEP);
        assertFinishedOnce();
    }

    @Test
    void theFirstPartsOfAJournalWhoseLastNeverCameAreDroppedAndTheBatchIsIndexedOnce() {
        IndexBatch batch = twoPacketBatch();
        ShardWriter crashing = changes.writer("c1", ChangeFixture.KEEP);
        List<ShardCall.StoreJournal> parts = ShardCall.StoreJournal.of(
                largeJournal(crashing, batch, ShardCall.StoreJournal.MAX_BYTES));
        assertEquals(2, parts.size());
        try (Pipeline pipeline = new Pipeline(fx.connect(), Duration.ofSeconds(10))) {
            new ShardScript(pipeline, fx.keys, 0, "c1").run(parts.get(0));
        }
        changes.expireLease(); // c1 dies here: its journal's first part stored, its last not

        ShardWriter next = changes.writer("c2", ChangeFixture.KEEP);
        assertEquals(0, fx.redis().exists(fx.keys.journal(0)), "the parts are dropped");
        assertEquals(0, fx.redis().exists(fx.keys.meta(0)), "nothing of the batch was applied");
        assertEquals(1, fx.redis().xpending(fx.keys.stream(0), ChangeFixture.GROUP).getCount(), "its entry is still pending");
        ChangeFixture.commit(next, batch); // its entries, read again
        assertFinishedOnce();
    }

    @Test
    void theSameInputWritesTheSameChangeEntriesOnEverySupportedRedis() {
        List<List<IndexerFixture.Frame>> batches = List.of(
                List.of(at(0, SYN), at(100, QUERY), at(200, PING), at(300, QUERY6)),
                List.of(at(700, QUERY), at(1200, SYN), at(1900, PING)),
                List.of(at(4000, SYN)));
        try (ChangeFixture other = new ChangeFixture(Redis62.uri())) { // the oldest supported server
            for (List<IndexerFixture.Frame> frames : batches) {
                changes.publishAndCommit(frames);
                other.publishAndCommit(frames);
            }
            // entry ids differ (Redis assigns them from its clock); everything else is the same
            assertEquals(withoutEntryIds(changes.entries()), withoutEntryIds(other.entries()));
            assertEquals(3, changes.entries().size());
        }
    }

    private static List<List<ChangeEvent>> withoutEntryIds(List<List<ChangeEvent>> entries) {
        return entries.stream().map(events -> events.stream()
                .map(e -> e instanceof ChangeEvent.EntryIndexed i ? new ChangeEvent.EntryIndexed(i.sensor(), "0-0") : e)
                .toList()).toList();
    }

    @Test
    void aChangeRetentionOfZeroWritesNoChangeStream() {
        fx.publish(0, "s1", List.of(at(0, SYN)));
        CommitResult result = ChangeFixture.commit(changes.writer("c1", Duration.ZERO),
                changes.batch(changes.readAs("c1")));
        assertEquals(Map.of(), result.changeEvents());
        assertEquals(0, fx.redis().exists(fx.keys.changes(0)));
        assertEquals("1", IndexerFixture.text(fx.redis().hget(fx.keys.meta(0), "packets")), "indexed all the same");
    }

    @Test
    void aBatchWithMoreEventsThanOneEntryTakesSpreadsThemOverConsecutiveEntries() {
        List<IndexerFixture.Frame> frames = new ArrayList<>();
        for (int port = 1; port <= 1500; port++) {
            frames.add(at(0, Frames.udp(CLIENT, 20000 + port, SERVER, port, new byte[0])));
        }
        CommitResult result = changes.publishAndCommit(frames);

        long events = 1500 + 1 + 3000 + 1023 + 1; // A, V, P, S (ports below 1024), E
        assertEquals(events, result.changeEvents().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(List.of(2000, 2000, 1525), changes.entries().stream().map(List::size).toList());
        assertEquals(1500, changes.of(changes.entries().get(0), ConnectionActive.class).size(), "A first");
    }

    @Test
    void theChangeStreamKeepsItsRetentionByIdAndNeverExpires() {
        long[] wall = {1_800_000_000_000L};
        ShardWriter writer = changes.writer("c1", Duration.ofMinutes(10), () -> wall[0]);
        for (int i = 0; i < 250; i++) {
            fx.publish(0, "s1", List.of(at(i, QUERY)));
            ChangeFixture.commit(writer, changes.batch(changes.readAs("c1")));
            wall[0] += 60_000; // one batch a minute: ten minutes hold ten entries
        }
        long length = fx.redis().xlen(fx.keys.changes(0));
        assertTrue(length >= 10 && length <= 110, "about 10, trimmed by whole nodes: " + length);
        assertEquals(-1, fx.redis().ttl(fx.keys.changes(0)));
        String first = fx.redis().xrange(fx.keys.changes(0), io.lettuce.core.Range.create("-", "+")).get(0).getId();
        assertTrue(Long.parseLong(first.substring(0, first.indexOf('-'))) >= wall[0] - 60_000 - 110 * 60_000L,
                "nothing older than the retention and one node: " + first);
    }
}

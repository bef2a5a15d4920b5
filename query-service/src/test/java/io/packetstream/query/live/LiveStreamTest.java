package io.packetstream.query.live;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.SubscriptionOptions;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.read.Question;
import io.packetstream.query.render.Renderer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscription pipeline against change streams in memory: demand, filtering, ids, catch-up to live, overflow,
 * heartbeats, question 5's packets. No I/O; virtual time unless a test needs threads.
 */
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("172.16.9.33");
    private static final IpAddress C = IpAddress.parse("10.0.0.9");
    private static final long MINUTE = 29_920_898L;
    private static final Question.Volume AB = new Question.Volume(B, A, new Question.Scope(TimeRange.ALL,
            Optional.of("s1")));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    private static VolumeTotals volume(String sensor, IpAddress x, IpAddress y, long packets) {
        return new VolumeTotals(sensor, x, y, MINUTE, packets, packets * 100);
    }

    private static VolumeTotals ab(long packets) {
        return volume("s1", A, B, packets);
    }

    private static ChangeEntry entry(int shard, String id, ChangeEvent... events) {
        return ChangeEntry.of(shard, id, events);
    }

    /** The change of a volume event as the API documents it; every event of these tests is of MINUTE. */
    private static LiveEvent change(String id, VolumeTotals event) {
        return new LiveEvent.Change(id, "{\"minute\":\"2026-11-21T09:38:00Z\",\"packets\":" + event.packets()
                + ",\"bytes\":" + event.bytes() + "}");
    }

    private LiveStream stream(ChangeSource source, int buffer) {
        return new LiveStream(source, SubscriptionOptions.defaults().withSubscriberBuffer(buffer).withHeartbeat(HEARTBEAT),
                time);
    }

    @Test
    void catchUpAndLiveChangesGoOutOnlyAsRequested() {
        FakeChangeSource source = new FakeChangeSource(1, 2);
        for (int i = 1; i <= 10; i++) {
            source.store(entry(0, i + "-0", ab(i)));
        }
        StepVerifier.create(stream(source, 100).changes(AB, ChangeCursor.parse("0-0.0")), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> assertTrue(source.pagesRead.get() <= 2, "pages read ahead: " + source.pagesRead))
                .thenRequest(1)
                .expectNext(change("1-0.1", ab(1)))
                .expectNoEvent(QUIET)
                .thenRequest(2)
                .expectNext(change("2-0.1", ab(2)), change("3-0.1", ab(3)))
                .then(() -> assertTrue(source.pagesRead.get() <= 3, "pages read ahead: " + source.pagesRead))
                .thenRequest(7)
                .expectNextCount(7)
                .then(() -> source.append(entry(0, "11-0", ab(11))))
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .expectNext(change("11-0.1", ab(11)))
                .thenCancel()
                .verify(WAIT);
        assertEquals(0, source.followers(0), "cancelling let go of the live feed");
    }

    @Test
    void idsCountSkippedEventsPerShardInShardOrder() {
        FakeChangeSource source = new FakeChangeSource(2, 10);
        ServiceSeen service = new ServiceSeen("s1", MINUTE, new Endpoint(B, 80));
        source.store(entry(0, "5-0", volume("s1", A, C, 1), ab(2), service, volume("s2", A, B, 9), ab(3)));
        StepVerifier.create(stream(source, 100).changes(AB, ChangeCursor.parse("0-0.0,0-0.0")), 0)
                .thenRequest(2)
                .expectNext(change("5-0.2,0-0.0", ab(2)), change("5-0.5,0-0.0", ab(3)))
                .then(() -> source.append(entry(1, "3-0", volume("s1", B, C, 1), volume("s1", B, A, 4))))
                .thenRequest(1)
                .expectNext(change("5-0.5,3-0.2", volume("s1", B, A, 4)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void resumesInsideAnEntryWithoutRepeatingWhatWasDone() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        source.store(entry(0, "5-0", volume("s1", A, C, 1), ab(2), ab(3), ab(4)));
        source.store(entry(0, "6-0", ab(5)));
        StepVerifier.create(stream(source, 100).changes(AB, ChangeCursor.parse("5-0.3")))
                .expectNext(change("5-0.4", ab(4)), change("6-0.1", ab(5)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void entriesSeenByTheCatchUpAndTheLiveFeedGoOutOnce() {
        FakeChangeSource source = new FakeChangeSource(1, 2);
        source.store(entry(0, "1-0", ab(1))).store(entry(0, "2-0", ab(2))).store(entry(0, "3-0", ab(3)));
        StepVerifier.create(stream(source, 100).changes(AB, ChangeCursor.parse("1-0.1")), 1)
                .expectNext(change("2-0.1", ab(2)))
                // committed while the subscriber is still catching up: not yet on its live feed
                .then(() -> source.append(entry(0, "4-0", ab(4))))
                .thenRequest(2)
                .expectNext(change("3-0.1", ab(3)), change("4-0.1", ab(4)))
                // a tailer behind the catch-up hands on entries already sent
                .then(() -> source.publish(entry(0, "3-0", ab(3))))
                .then(() -> source.publish(entry(0, "4-0", ab(4))))
                .then(() -> source.append(entry(0, "5-0", ab(5))))
                .thenRequest(10)
                .expectNext(change("5-0.1", ab(5)))
                .expectNoEvent(QUIET)
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void overflowEndsTheStreamWithTheLastIdDelivered() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        StepVerifier.create(stream(source, 3).changes(AB, ChangeCursor.parse("0-0.0")), 1)
                .then(() -> source.append(entry(0, "1-0", ab(1))))
                .expectNext(change("1-0.1", ab(1)))
                .then(() -> {
                    // 3 fit the buffer, 2 more are on their way between operators; the next ones overflow
                    for (int i = 2; i <= 8; i++) {
                        source.append(entry(0, i + "-0", ab(i)));
                    }
                    assertEquals(Sinks.EmitResult.OK, source.emitResults.get(5));
                    assertEquals(Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER, source.emitResults.get(7));
                })
                .expectNoEvent(QUIET)
                .then(() -> assertEquals(0, source.followers(0), "the overflow let go of the live feed"))
                .thenRequest(1)
                .expectNext(new LiveEvent.Overflow("1-0.1"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aClientThatTakesNothingAfterItsLastEventIsCutAfterTheGrace() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        AtomicInteger overflows = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> stream(source, 3).changes(AB, ChangeCursor.parse("0-0.0"),
                        overflows::incrementAndGet), () -> time, 0)
                .expectSubscription()
                .then(() -> {
                    for (int i = 1; i <= 10; i++) {
                        source.append(entry(0, i + "-0", ab(i)));
                    }
                })
                .then(() -> assertEquals(1, overflows.get(), "counted when it happens, though not sent yet"))
                .expectNoEvent(HEARTBEAT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorMatches(e -> e.getMessage().contains("took nothing"))
                .verify(WAIT);
    }

    @Test
    void skippedEventsNeverFillTheBuffer() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        StepVerifier.create(stream(source, 2).changes(AB, ChangeCursor.parse("0-0.0")), 0)
                .then(() -> {
                    for (int i = 1; i <= 1000; i++) {
                        source.append(entry(0, i + "-0", volume("s1", A, C, i), volume("s2", A, B, i)));
                    }
                    source.append(entry(0, "1001-0", ab(1)));
                })
                .thenRequest(1)
                .expectNext(change("1001-0.1", ab(1)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aSlowSubscriberDoesNotHoldUpAFastOneNorTheTailer() throws InterruptedException {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        LiveStream live = new LiveStream(source, SubscriptionOptions.defaults().withSubscriberBuffer(20)
                .withHeartbeat(HEARTBEAT), Schedulers.parallel());
        ChangeCursor start = ChangeCursor.parse("0-0.0");
        StepVerifier slow = StepVerifier.create(live.changes(AB, start), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(500))
                .thenRequest(1)
                .expectNext(new LiveEvent.Overflow("0-0.0"))
                .expectComplete()
                .verifyLater();
        List<LiveEvent> expected = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            expected.add(change(i + "-0.1", ab(i)));
        }
        AtomicInteger received = new AtomicInteger();
        StepVerifier fast = StepVerifier.create(live.changes(AB, start).doOnNext(e -> received.incrementAndGet()))
                .expectNextSequence(expected)
                .thenCancel()
                .verifyLater();
        assertEquals(2, source.followers(0));
        for (int i = 1; i <= 200; i++) {
            assertEquals(Sinks.EmitResult.OK, source.append(entry(0, i + "-0", ab(i))), "the tailer never waits");
            if (i % 10 == 0) { // the fast subscriber keeps up, in bursts of half its buffer
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (received.get() < i && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
        }
        fast.verify(WAIT);
        slow.verify(WAIT);
        assertEquals(0, source.followers(0));
    }

    @Test
    void aCursorOlderThanTheRetentionGetsAnErrorEvent() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        source.store(entry(0, "10-0", ab(1)));
        StepVerifier.create(stream(source, 10).changes(AB, ChangeCursor.parse("5-0.1")))
                .expectNextMatches(e -> e instanceof LiveEvent.Failed f && f.message().contains("retention")
                        && f.lastEventId().equals("5-0.1"))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(stream(source, 10).changes(AB, ChangeCursor.parse("10-0.0")))
                .expectNext(change("10-0.1", ab(1)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void theIdOfAnAnswerSentBeforeAnyChangeGetsAnErrorOnceChangesAfterItWereTrimmed() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        source.store(entry(0, "10-0", ab(1)));
        source.store(entry(0, "20-0", ab(2)));
        source.trimBefore(0, "20-0");
        StepVerifier.create(stream(source, 10).changes(AB, ChangeCursor.parse("0-0.0")))
                .expectNextMatches(e -> e instanceof LiveEvent.Failed f && f.message().contains("oldest entry is now 20-0")
                        && f.lastEventId().equals("0-0.0"))
                .expectComplete()
                .verify(WAIT);
        // from an entry still held nothing is missing
        StepVerifier.create(stream(source, 10).changes(AB, ChangeCursor.parse("20-0.0")))
                .expectNext(change("20-0.1", ab(2)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void heartbeatsOnlyWhenSilentCarryingPositionsSkipped() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        StepVerifier.withVirtualTime(() -> stream(source, 10).changes(AB, ChangeCursor.parse("0-0.0")), () -> time,
                        Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> source.append(entry(0, "1-0", volume("s1", A, C, 1))))
                .expectNoEvent(HEARTBEAT.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new LiveEvent.Heartbeat(Optional.of("1-0.1")))
                .thenAwait(HEARTBEAT)
                .expectNext(new LiveEvent.Heartbeat(Optional.empty()))
                .then(() -> source.append(entry(0, "2-0", ab(2))))
                .expectNext(change("2-0.1", ab(2)))
                .expectNoEvent(HEARTBEAT)
                .thenAwait(HEARTBEAT)
                .expectNext(new LiveEvent.Heartbeat(Optional.empty()))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void question5SendsTheMatchingPacketsOfEachIndexedEntry() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        PacketMatch m1 = packet("100-0", 0);
        PacketMatch m2 = packet("100-0", 3);
        PacketMatch m3 = packet("102-0", 1);
        source.packets("100-0", List.of(m1, m2));
        source.packets("102-0", List.of(m3));
        source.store(entry(0, "7-0", new EntryIndexed("s1", "100-0"), new EntryIndexed("s1", "101-0"),
                new EntryIndexed("s2", "102-0")));
        Question.Containing q = new Question.Containing(new byte[]{0x35}, 10, Question.Scope.all());
        StepVerifier.create(stream(source, 10).changes(q, ChangeCursor.parse("0-0.0")), 1)
                .expectNext(new LiveEvent.Change("7-0.0.1", Renderer.result(m1)))
                .thenRequest(5)
                .expectNext(new LiveEvent.Change("7-0.1", Renderer.result(m2)),
                        new LiveEvent.Change("7-0.3", Renderer.result(m3)))
                .thenCancel()
                .verify(WAIT);
        Question.Containing s1 = new Question.Containing(new byte[]{0x35}, 10, new Question.Scope(TimeRange.ALL,
                Optional.of("s2")));
        StepVerifier.create(stream(source, 10).changes(s1, ChangeCursor.parse("0-0.0")))
                .expectNext(new LiveEvent.Change("7-0.3", Renderer.result(m3)))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void question5ResumesInsideAnEntryWithoutRepeatingItsPackets() {
        FakeChangeSource source = new FakeChangeSource(1, 10);
        PacketMatch m1 = packet("100-0", 0);
        PacketMatch m2 = packet("100-0", 3);
        PacketMatch m3 = packet("100-0", 5);
        PacketMatch m4 = packet("102-0", 1);
        source.packets("100-0", List.of(m1, m2, m3));
        source.packets("102-0", List.of(m4));
        source.store(entry(0, "7-0", new EntryIndexed("s1", "100-0"), new EntryIndexed("s1", "102-0")));
        Question.Containing q = new Question.Containing(new byte[]{0x35}, 10, Question.Scope.all());
        StepVerifier.create(stream(source, 10).changes(q, ChangeCursor.parse("7-0.0.2")))
                .expectNext(new LiveEvent.Change("7-0.1", Renderer.result(m3)),
                        new LiveEvent.Change("7-0.2", Renderer.result(m4)))
                .thenCancel()
                .verify(WAIT);
        StepVerifier.create(stream(source, 10).changes(q, ChangeCursor.parse("7-0.0.1")))
                .expectNext(new LiveEvent.Change("7-0.0.2", Renderer.result(m2)),
                        new LiveEvent.Change("7-0.1", Renderer.result(m3)))
                .thenCancel()
                .verify(WAIT);
    }

    private static PacketMatch packet(String entry, int index) {
        return new PacketMatch(new PacketId(0, entry, index), 1_795_253_892_000_000_000L + index, "s1", 17,
                new Endpoint(A, 5000 + index), new Endpoint(B, 53), 60, 1, new byte[60]);
    }
}

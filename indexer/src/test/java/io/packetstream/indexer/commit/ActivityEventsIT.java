package io.packetstream.indexer.commit;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.indexer.IndexerFixture;
import io.packetstream.testsupport.frames.Frames;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.indexer.IndexerFixture.Frame.ethernet;
import static io.packetstream.indexer.IndexerFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Question 1's change events: a connection is announced active ({@code A}) at its first packet after a quiet
 * second, and inactive ({@code I}) at its last packet + 1 s once its sensor's capture clock has passed that time.
 */
class ActivityEventsIT {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("10.0.0.2");
    private static final IpAddress C = IpAddress.parse("10.0.0.3");
    private static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z"); // a whole second
    private static final long MS = 1_000_000;
    private static final Connection TO_B = udp(A, 5000, B, 53);
    private static final Connection TO_C = udp(A, 6000, C, 53);

    private final ChangeFixture changes = new ChangeFixture(TestRedis.shared().uri());

    @AfterEach
    void close() {
        changes.close();
    }

    private static Connection udp(IpAddress a, int aPort, IpAddress b, int bPort) {
        Endpoint x = new Endpoint(a, aPort);
        Endpoint y = new Endpoint(b, bPort);
        return x.compareTo(y) <= 0 ? new Connection(17, x, y) : new Connection(17, y, x);
    }

    /** A packet of TO_B, {@code ms} after T0. */
    private static IndexerFixture.Frame toB(long ms) {
        return ethernet(T0 + ms * MS, Frames.udp(A, 5000, B, 53, new byte[4]));
    }

    private static IndexerFixture.Frame toC(long ms) {
        return ethernet(T0 + ms * MS, Frames.udp(A, 6000, C, 53, new byte[4]));
    }

    private static ChangeEvent active(Connection c, long ms) {
        return new ConnectionActive("s1", c, T0 + ms * MS);
    }

    private static ChangeEvent inactive(Connection c, long ms) {
        return new ConnectionInactive("s1", c, T0 + ms * MS);
    }

    /** @return the A and I events of {@code c} among {@code events}, in order */
    private static List<ChangeEvent> activity(List<ChangeEvent> events, Connection c) {
        return events.stream().filter(e -> (e instanceof ConnectionActive a && a.connection().equals(c))
                || (e instanceof ConnectionInactive i && i.connection().equals(c))).toList();
    }

    private void commit(IndexerFixture.Frame... frames) {
        changes.publishAndCommit(List.of(frames));
    }

    @Test
    void aConnectionSendingEveryHalfSecondIsAnnouncedOnceAndClosedOnceAfterItFallsSilent() {
        for (long ms = 0; ms <= 3000; ms += 500) {
            commit(toB(ms));
        }
        commit(toC(3200)); // the clock moves on, but not past 4.0 s
        assertEquals(List.of(active(TO_B, 0)), activity(changes.all(), TO_B));

        commit(toC(5000));
        assertEquals(List.of(inactive(TO_B, 4000)), activity(changes.last(), TO_B), "closed when the clock passed it");
        commit(toC(7000));
        assertEquals(List.of(active(TO_B, 0), inactive(TO_B, 4000)), activity(changes.all(), TO_B), "and only then");
        assertEquals(List.of(active(TO_C, 3200), inactive(TO_C, 4200), active(TO_C, 5000), inactive(TO_C, 6000),
                active(TO_C, 7000)), activity(changes.all(), TO_C));
    }

    @Test
    void aConnectionSilentForASecondAndAHalfIsClosedThenAnnouncedAgainInTimeOrder() {
        commit(toB(0));
        commit(toB(500));
        commit(toB(2000));
        assertEquals(List.of(inactive(TO_B, 1500), active(TO_B, 2000)), activity(changes.last(), TO_B));
        assertEquals(List.of(active(TO_B, 0), inactive(TO_B, 1500), active(TO_B, 2000)), activity(changes.all(), TO_B));
    }

    @Test
    void aConnectionCrossingASecondBoundaryIsAnnouncedOnce() {
        commit(toB(700), toB(1200), toB(1900)); // one batch: second 0 holds 0.7 s, second 1 holds 1.2 s and 1.9 s
        assertEquals(List.of(active(TO_B, 700)), activity(changes.all(), TO_B));
        commit(toB(2300)); // the next batch continues it across the next boundary
        assertEquals(List.of(active(TO_B, 700)), activity(changes.all(), TO_B));
        commit(toC(5000));
        assertEquals(List.of(active(TO_B, 700), inactive(TO_B, 3300)), activity(changes.all(), TO_B));
    }

    @Test
    void aPacketExactlyOneSecondAfterTheLastKeepsTheConnectionActive() {
        commit(toB(200));
        commit(toB(1200)); // the first packet's activity ends at 1.2 s exactly where the second's begins
        commit(toC(5000));
        assertEquals(List.of(active(TO_B, 200), inactive(TO_B, 2200)), activity(changes.all(), TO_B));
    }

    @Test
    void aLateBatchIsAnnouncedAndClosedAtOnceAndALaterLatePacketReopensIt() {
        commit(toC(5000)); // the clock is at 5 s
        commit(toB(200));
        assertEquals(List.of(active(TO_B, 200), inactive(TO_B, 1200)), activity(changes.last(), TO_B));
        commit(toB(900)); // the data now says active 0.2 s to 1.9 s, and clients were told it ended at 1.2 s
        assertEquals(List.of(active(TO_B, 900), inactive(TO_B, 1900)), activity(changes.last(), TO_B));
        commit(toB(800)); // inside what is known: nothing new
        assertEquals(List.of(), activity(changes.last(), TO_B));
    }

    private static ChangeEvent active(String sensor, Connection c, long ms) {
        return new ConnectionActive(sensor, c, T0 + ms * MS);
    }

    private static ChangeEvent inactive(String sensor, Connection c, long ms) {
        return new ConnectionInactive(sensor, c, T0 + ms * MS);
    }

    private static List<ChangeEvent> activity(List<ChangeEvent> events) {
        return events.stream().filter(e -> e instanceof ConnectionActive || e instanceof ConnectionInactive).toList();
    }

    @Test
    void twoSensorsOnOneShardCloseOnlyTheirOwnConnections() {
        // s2 lags seconds behind s1 (another capture point, a replay started later): each sensor's own clock
        // decides; the expected events are worked out by hand from the rule "I at last + 1 s once the sensor's
        // clock passed it"
        changes.publishAndCommit("s1", List.of(toB(0)));
        changes.publishAndCommit("s2", List.of(toC(100)));
        changes.publishAndCommit("s1", List.of(toC(5000))); // s1 at 5 s: closes s1's TO_B, not s2's TO_C (ends 1.1 s)
        assertEquals(List.of(inactive("s1", TO_B, 1000), active("s1", TO_C, 5000)), activity(changes.last()));
        changes.publishAndCommit("s2", List.of(toB(900))); // s2 at 0.9 s
        assertEquals(List.of(active("s2", TO_B, 900)), activity(changes.last()));
        changes.publishAndCommit("s2", List.of(toB(1500))); // s2 at 1.5 s: its TO_C ends at 1.1 s, TO_B goes on
        assertEquals(List.of(inactive("s2", TO_C, 1100)), activity(changes.last()));
        changes.heartbeatAndCommit("s2", T0 + 3000 * MS); // a quiet s2: its clock alone reaches 3 s
        assertEquals(List.of(inactive("s2", TO_B, 2500)), activity(changes.last()));
        assertEquals(List.of(active("s1", TO_B, 0), active("s2", TO_C, 100), inactive("s1", TO_B, 1000),
                active("s1", TO_C, 5000), active("s2", TO_B, 900), inactive("s2", TO_C, 1100),
                inactive("s2", TO_B, 2500)), activity(changes.all()), "s1's TO_C (until 6 s) is still open");
        assertEquals(Long.toString(T0 + 3000 * MS), text(changes.fx.redis().hget(changes.fx.keys.meta(0), "clock:s2")));
        assertEquals(Long.toString(T0 + 5000 * MS), text(changes.fx.redis().hget(changes.fx.keys.meta(0), "clock:s1")));
    }

    @Test
    void aNewWriterReadsEachSensorsClockBack() {
        changes.publishAndCommit("s1", List.of(toC(5000)));
        changes.publishAndCommit("s2", List.of(toB(0)));
        changes.heartbeatAndCommit("s2", T0 + 3000 * MS);
        changes.expireLease();
        ShardWriter c2 = changes.writer("c2", ChangeFixture.KEEP);
        // s2's packet at 3.5 s ends at 4.5 s: not past s2's clock (now 3.5 s), though past s1's (5 s)
        changes.fx.publish(0, "s2", List.of(toB(3500)));
        ChangeFixture.commit(c2, changes.batch(changes.readAs("c1")));
        assertEquals(List.of(active("s2", TO_B, 3500)), activity(changes.last()));
        changes.fx.publish(0, "s1", List.of(toB(6500))); // s1 at 6.5 s closes s1's TO_C (6 s) only
        ChangeFixture.commit(c2, changes.batch(changes.readAs("c1")));
        assertEquals(List.of(inactive("s1", TO_C, 6000), active("s1", TO_B, 6500)), activity(changes.last()));
    }

    @Test
    void aHeartbeatClosesAQuietSensorsConnectionAndIsNeitherIndexedNorDeadLettered() {
        changes.publishAndCommit("s1", List.of(toB(0)));
        int entries = changes.entries().size();
        changes.heartbeatAndCommit("s1", T0 + 800 * MS);
        assertEquals(entries, changes.entries().size(), "the clock is not past 1 s yet: no change entry at all");
        changes.heartbeatAndCommit("s1", T0 + 1000 * MS);
        assertEquals(List.of(inactive(TO_B, 1000)), changes.last(), "closed, and no E event for the heartbeat");
        assertEquals(0, changes.fx.redis().xlen(changes.fx.keys.deadLetters(0)));
        assertEquals("1", text(changes.fx.redis().hget(changes.fx.keys.meta(0), "packets")));
    }

    @Test
    void aClockJumpOfHoursClosesEveryConnectionStillOpen() {
        commit(toB(0));
        commit(toC(3_000_000)); // 3000 s later
        assertEquals(List.of(inactive(TO_B, 1000)), activity(changes.last(), TO_B));
        commit(toB(3_000_100));
        commit(toC(10_200_100)); // 7200 s later
        assertEquals(List.of(inactive(TO_C, 3_001_000), active(TO_C, 10_200_100)), activity(changes.last(), TO_C));
        assertEquals(List.of(active(TO_B, 0), inactive(TO_B, 1000), active(TO_B, 3_000_100),
                inactive(TO_B, 3_001_100)), activity(changes.all(), TO_B));
    }

    @Test
    void aNewWriterTakingTheShardOverAnnouncesWhatTheFirstWouldHave() {
        commit(toB(0));
        commit(toB(500));
        changes.expireLease();
        changes.fx.publish(0, "s1", List.of(toB(2000))); // committed by a new writer: it reads the shard from Redis
        ChangeFixture.commit(changes.writer("c2", ChangeFixture.KEEP), changes.batch(changes.readAs("c1")));
        assertEquals(List.of(active(TO_B, 0), inactive(TO_B, 1500), active(TO_B, 2000)), activity(changes.all(), TO_B));
    }
}

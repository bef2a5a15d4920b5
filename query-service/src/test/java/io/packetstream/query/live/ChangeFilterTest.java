package io.packetstream.query.live;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Connection;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.redis.StreamId;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Question;
import io.packetstream.query.read.Question.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeFilterTest {

    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("2001:db8::80");
    private static final IpAddress C = IpAddress.parse("10.0.0.9");
    private static final long M = CaptureTime.epochMinute(CaptureTime.parse("2026-11-21T09:40:00Z"));
    private static final Scope ALL = Scope.all();
    private static final Connection CONNECTION = Connection.of(new IpPacket(A, B, IpPacket.TCP, 5000, 80, true, 0,
            0, 0));

    /** The minutes 09:40 and 09:41 overlap a range from 09:40:59.999 to 09:41:00. */
    private static final Scope TWO_MINUTES = new Scope(new TimeRange(CaptureTime.parse("2026-11-21T09:40:59.999Z"),
            CaptureTime.parse("2026-11-21T09:41:00Z")), Optional.empty());

    private static boolean wants(Question q, ChangeEvent e) {
        return ChangeFilter.of(q).test(e);
    }

    @Test
    void question1TakesActivityOfTheSensorAtAnyTime() {
        Question q = new Question.ActiveConnections(OptionalLong.of(1), Optional.of("s1"));
        assertTrue(wants(q, new ConnectionActive("s1", CONNECTION, 5)));
        assertTrue(wants(q, new ConnectionInactive("s1", CONNECTION, Long.MAX_VALUE / 2)));
        assertFalse(wants(q, new ConnectionActive("s2", CONNECTION, 5)));
        assertFalse(wants(q, new VolumeTotals("s1", A, B, M, 1, 1)));
    }

    @Test
    void question2TakesThePairInEitherOrderWithinTheMinutes() {
        Question q = new Question.Volume(B, A, TWO_MINUTES);
        assertTrue(wants(q, new VolumeTotals("s1", A, B, M, 1, 1)));
        assertTrue(wants(q, new VolumeTotals("s2", B, A, M + 1, 1, 1)));
        assertFalse(wants(q, new VolumeTotals("s1", A, B, M - 1, 1, 1)));
        assertFalse(wants(q, new VolumeTotals("s1", A, B, M + 2, 1, 1)));
        assertFalse(wants(q, new VolumeTotals("s1", A, C, M, 1, 1)));
    }

    @Test
    void question3TakesPeersOfTheEndpoint() {
        Question q = new Question.ConnectedTo(B, 80, ALL);
        assertTrue(wants(q, new PeerSeen("s1", M, B, 80, A)));
        assertFalse(wants(q, new PeerSeen("s1", M, B, 443, A)));
        assertFalse(wants(q, new PeerSeen("s1", M, A, 80, B)));
        assertFalse(wants(q, new ServiceSeen("s1", M, new Endpoint(B, 80))));
    }

    @Test
    void questions4To6TakeTheirEventsWithinRangeAndSensor() {
        assertTrue(wants(new Question.WellKnownServices(TWO_MINUTES), new ServiceSeen("s1", M, new Endpoint(B, 22))));
        assertFalse(wants(new Question.WellKnownServices(TWO_MINUTES),
                new ServiceSeen("s1", M + 2, new Endpoint(B, 22))));
        Question q6 = new Question.TalkingOutside(new Scope(TimeRange.ALL, Optional.of("s2")));
        assertTrue(wants(q6, new OutsideSeen("s2", M, A, B)));
        assertFalse(wants(q6, new OutsideSeen("s1", M, A, B)));
        Question q5 = new Question.Containing(new byte[]{1}, 1, ALL);
        assertTrue(wants(q5, new EntryIndexed("s1", "1-0")));
        assertFalse(wants(q5, new OutsideSeen("s1", M, A, B)));
    }

    @Test
    void anEntryBecomesDeliveriesThenASkipToItsEnd() {
        Question q = new Question.Volume(A, B, ALL);
        ChangeEntry entry = new ChangeEntry(1, StreamId.parse("7-0"), List.of(
                Optional.of(new VolumeTotals("s1", A, B, M, 1, 1)), Optional.empty(),
                Optional.of(new VolumeTotals("s1", A, B, M, 2, 2)), Optional.of(new VolumeTotals("s1", A, C, M, 1, 1))));
        List<Step.Placed> steps = ChangeFilter.of(q).steps(entry);
        assertEquals(List.of(1, 3, 4), steps.stream().map(Step.Placed::after).toList());
        assertTrue(steps.get(2) instanceof Step.Skip);
        assertEquals(List.of(new Step.Skip(1, entry.id(), 4)),
                ChangeFilter.of(new Question.WellKnownServices(ALL)).steps(entry));
    }
}

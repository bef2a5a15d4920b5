package io.packetstream.query.live;

import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.change.ChangeEvent.ConnectionActive;
import io.packetstream.core.change.ChangeEvent.ConnectionInactive;
import io.packetstream.core.change.ChangeEvent.EntryIndexed;
import io.packetstream.core.change.ChangeEvent.OutsideSeen;
import io.packetstream.core.change.ChangeEvent.PeerSeen;
import io.packetstream.core.change.ChangeEvent.ServiceSeen;
import io.packetstream.core.change.ChangeEvent.VolumeTotals;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which change events concern a subscription, from its question's parameters: the event type of the question, the
 * sensor when one is asked, the minute overlapping {@code from}/{@code to} for the minute questions, the pair of
 * hosts (2) or the endpoint (3). Question 1 ignores {@code at}; question 5's time range and pattern apply to the
 * packets of each indexed entry, later. Pure: no I/O.
 */
final class ChangeFilter {

    private final Predicate<ChangeEvent> wanted;

    private ChangeFilter(Predicate<ChangeEvent> wanted) {
        this.wanted = wanted;
    }

    static ChangeFilter of(Question question) {
        Optional<String> sensor = question.sensor();
        Predicate<ChangeEvent> ofSensor = e -> sensor.isEmpty() || sensor.get().equals(e.sensor());
        return new ChangeFilter(ofSensor.and(kind(question)));
    }

    private static Predicate<ChangeEvent> kind(Question question) {
        if (question instanceof Question.ActiveConnections) {
            return e -> e instanceof ConnectionActive || e instanceof ConnectionInactive;
        }
        if (question instanceof Question.Volume q) {
            TimeRange range = q.scope().range();
            return e -> e instanceof VolumeTotals v && v.between(q.a(), q.b()) && inMinutes(range, v.epochMinute());
        }
        if (question instanceof Question.ConnectedTo q) {
            TimeRange range = q.scope().range();
            return e -> e instanceof PeerSeen p && p.host().equals(q.host()) && p.port() == q.port()
                    && inMinutes(range, p.epochMinute());
        }
        if (question instanceof Question.WellKnownServices q) {
            TimeRange range = q.scope().range();
            return e -> e instanceof ServiceSeen s && inMinutes(range, s.epochMinute());
        }
        if (question instanceof Question.Containing) {
            return e -> e instanceof EntryIndexed;
        }
        TimeRange range = ((Question.TalkingOutside) question).scope().range();
        return e -> e instanceof OutsideSeen o && inMinutes(range, o.epochMinute());
    }

    /** A minute takes part iff it overlaps the range, as in the answers. */
    private static boolean inMinutes(TimeRange range, long epochMinute) {
        return epochMinute >= range.firstMinute() && epochMinute <= range.lastMinute();
    }

    boolean test(ChangeEvent event) {
        return wanted.test(event);
    }

    /**
     * @return the entry as steps: a {@link Step.Deliver} per wanted event, and a {@link Step.Skip} to the entry's
     * end when its last events are not wanted (so an entry always moves the position to its end)
     */
    List<Step.Placed> steps(ChangeEntry entry) {
        List<Step.Placed> steps = new ArrayList<>(2);
        int count = entry.events().size();
        for (int i = 0; i < count; i++) {
            Optional<ChangeEvent> event = entry.events().get(i);
            if (event.isPresent() && wanted.test(event.get())) {
                steps.add(new Step.Deliver(entry.shard(), entry.id(), i + 1, event.get()));
            }
        }
        if (steps.isEmpty() || steps.get(steps.size() - 1).after() != count) {
            steps.add(new Step.Skip(entry.shard(), entry.id(), count));
        }
        return steps;
    }
}

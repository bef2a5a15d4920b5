package io.packetstream.query.live;

import io.packetstream.core.change.ChangeEvent;
import io.packetstream.query.read.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which change events concern a subscription: those of the sensor asked (if any) that its question takes
 * ({@link Question#change}: the question's event type, the minutes overlapping {@code from}/{@code to}, the pair
 * of hosts or the endpoint). Question 5's time range and pattern apply to the packets of each indexed entry,
 * later. Pure: no I/O.
 */
final class ChangeFilter {

    private final Predicate<ChangeEvent> wanted;

    private ChangeFilter(Predicate<ChangeEvent> wanted) {
        this.wanted = wanted;
    }

    static ChangeFilter of(Question question) {
        Optional<String> sensor = question.sensor();
        return new ChangeFilter(e -> (sensor.isEmpty() || sensor.get().equals(e.sensor()))
                && question.change(e).isPresent());
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

package io.packetstream.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.ToDoubleFunction;

/**
 * A meter's name, description and base unit, declared once in a component's enum of meters and registered
 * through these methods so no meter is registered without its description.
 */
public interface MeterSpec {

    /** @return the meter's name, description and unit */
    MeterInfo info();

    /** @return the lowercase dotted meter name, e.g. {@code packetstream.agent.packets.published} */
    default String meterName() {
        return info().name();
    }

    default String description() {
        return info().description();
    }

    /** @return the base unit, e.g. {@code packets}, {@code bytes}, {@code entries} */
    default String baseUnit() {
        return info().baseUnit();
    }

    default Counter counter(MeterRegistry registry, String... tags) {
        return Counter.builder(meterName()).description(description()).baseUnit(baseUnit()).tags(tags).register(registry);
    }

    default Timer timer(MeterRegistry registry, String... tags) {
        return Timer.builder(meterName()).description(description()).tags(tags)
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    default <T> Gauge gauge(MeterRegistry registry, T state, ToDoubleFunction<T> value, String... tags) {
        return Gauge.builder(meterName(), state, value).description(description()).baseUnit(baseUnit()).tags(tags)
                .register(registry);
    }
}

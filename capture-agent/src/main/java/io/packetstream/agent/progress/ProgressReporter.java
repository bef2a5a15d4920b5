package io.packetstream.agent.progress;

import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.source.PacketSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs a progress line at INFO every interval on a thread of its own: packets, packets/s and MB/s over the
 * interval, published, dropped, buffered and how much of the current file was read. {@link #close()} logs a
 * final line with averages over the whole run.
 */
public final class ProgressReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final AgentMetrics metrics;
    private final LongSupplier buffered;
    private final Supplier<Optional<PacketSource>> source;
    private final ScheduledExecutorService scheduler;
    private final long started = System.nanoTime();
    private final AgentCounts initial;
    private AgentCounts previous;
    private long previousAt = started;

    private ProgressReporter(AgentMetrics metrics, LongSupplier buffered, Supplier<Optional<PacketSource>> source,
                             Duration interval) {
        this.metrics = metrics;
        this.buffered = buffered;
        this.source = source;
        this.initial = metrics.snapshot();
        this.previous = initial;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "packetstream-progress");
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleAtFixedRate(this::report, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * @param interval time between lines, positive
     * @param metrics  the counts; never {@code null}
     * @param buffered packets held and not yet acknowledged; never {@code null}
     * @param source   the source being read now, if any; never {@code null}
     */
    public static ProgressReporter start(Duration interval, AgentMetrics metrics, LongSupplier buffered,
                                         Supplier<Optional<PacketSource>> source) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive, was " + interval);
        }
        return new ProgressReporter(Objects.requireNonNull(metrics, "metrics"), Objects.requireNonNull(buffered, "buffered"),
                Objects.requireNonNull(source, "source"), interval);
    }

    private synchronized void report() {
        try {
            AgentCounts now = metrics.snapshot();
            long at = System.nanoTime();
            Optional<PacketSource> current = source.get();
            log.info(ProgressLine.format(current.map(PacketSource::name).orElse("progress"), now, previous,
                    at - previousAt, buffered.getAsLong(), current.map(PacketSource::progress).orElse(Double.NaN)));
            previous = now;
            previousAt = at;
        } catch (RuntimeException e) {
            log.warn("cannot report progress: {}", e.toString());
        }
    }

    /** Stops the periodic lines and logs the final one. */
    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        log.info(ProgressLine.format("total", metrics.snapshot(), initial, System.nanoTime() - started,
                buffered.getAsLong(), Double.NaN));
    }
}

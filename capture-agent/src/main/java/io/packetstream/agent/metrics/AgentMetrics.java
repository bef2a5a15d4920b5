package io.packetstream.agent.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The agent's counters. Hot-path counts are plain adders that the registry reads when scraped, so counting a
 * packet costs an add, not a meter lookup; the same numbers feed the progress line and the exit summary.
 * Thread-safe.
 */
public final class AgentMetrics {

    /** Reason tag of packets dropped because the bounded buffer was full during live capture. */
    public static final String DROP_BUFFER_FULL = "buffer_full";
    /** Reason tag of packets still unpublished when the agent stopped. */
    public static final String DROP_SHUTDOWN = "shutdown";
    public static final String DROP_STREAM_FULL = "stream_full";

    private final MeterRegistry registry;
    private final LongAdder captured = new LongAdder();
    private final LongAdder bytesCaptured = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder entriesPublished = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder deduplicated = new LongAdder();
    private final LongAdder droppedBufferFull = new LongAdder();
    private final LongAdder droppedShutdown = new LongAdder();
    private final LongAdder droppedStreamFull = new LongAdder();
    private final AtomicLong pcapKernelDrops = new AtomicLong();
    private final AtomicLong pcapInterfaceDrops = new AtomicLong();
    private final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> files = new ConcurrentHashMap<>();
    private final Timer publishLatency;

    /** @param registry where the meters are registered; never {@code null} */
    public AgentMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        counter(AgentMeters.PACKETS_CAPTURED, captured);
        counter(AgentMeters.BYTES_CAPTURED, bytesCaptured);
        counter(AgentMeters.PACKETS_PUBLISHED, published);
        counter(AgentMeters.ENTRIES_PUBLISHED, entriesPublished);
        counter(AgentMeters.PUBLISH_RETRIES, retries);
        counter(AgentMeters.ENTRIES_DEDUPLICATED, deduplicated);
        counter(AgentMeters.PACKETS_DROPPED, droppedBufferFull, "reason", DROP_BUFFER_FULL);
        counter(AgentMeters.PACKETS_DROPPED, droppedShutdown, "reason", DROP_SHUTDOWN);
        counter(AgentMeters.PACKETS_DROPPED, droppedStreamFull, "reason", DROP_STREAM_FULL);
        counter(AgentMeters.PCAP_DROPPED, pcapKernelDrops, AtomicLong::get, "reason", "kernel");
        counter(AgentMeters.PCAP_DROPPED, pcapInterfaceDrops, AtomicLong::get, "reason", "interface");
        publishLatency = AgentMeters.PUBLISH_LATENCY.timer(registry);
    }

    private void counter(AgentMeters meter, LongAdder adder, String... tags) {
        counter(meter, adder, LongAdder::sum, tags);
    }

    private <T> void counter(AgentMeters meter, T state, ToDoubleFunction<T> value, String... tags) {
        FunctionCounter.builder(meter.meterName(), state, value).description(meter.description())
                .baseUnit(meter.baseUnit()).tags(tags).register(registry);
    }

    /** @return the registry the meters live in, for gauges registered by their owners */
    public MeterRegistry registry() {
        return registry;
    }

    /** One packet read or captured, with its captured length. */
    public void captured(int capturedLength) {
        captured.increment();
        bytesCaptured.add(capturedLength);
    }

    /** One stream entry of {@code packets} packets acknowledged by Redis. */
    public void published(int packets) {
        published.add(packets);
        entriesPublished.increment();
    }

    /** One stream entry sent again after a failure. */
    public void retried() {
        retries.increment();
    }

    /** One stream entry Redis already held when it was sent again; count it as published too. */
    public void deduplicated() {
        deduplicated.increment();
    }

    /** One packet dropped because the buffer was full (live capture). */
    public void droppedBufferFull() {
        droppedBufferFull.increment();
    }

    /** Packets of a batch refused because its stream held its cap of unacknowledged entries (live capture). */
    public void droppedStreamFull(long packets) {
        droppedStreamFull.add(packets);
    }

    /** Packets still unpublished when the agent stopped. */
    public void droppedAtShutdown(long packets) {
        droppedShutdown.add(packets);
    }

    /** One frame the decoder rejected; {@code reason} is its {@code MalformedPacketException.Reason} tag. */
    public void malformed(String reason) {
        malformed.computeIfAbsent(reason, r -> {
            LongAdder adder = new LongAdder();
            counter(AgentMeters.PACKETS_MALFORMED, adder, "reason", r);
            return adder;
        }).increment();
    }

    /** One file replayed; {@code outcome} is {@code complete}, {@code truncated} or {@code corrupt}. */
    public void fileReplayed(String outcome) {
        files.computeIfAbsent(outcome, o -> {
            LongAdder adder = new LongAdder();
            counter(AgentMeters.FILES, adder, "outcome", o);
            return adder;
        }).increment();
    }

    /** @return the timer of XADD round trips */
    public Timer publishLatency() {
        return publishLatency;
    }

    /** libpcap's {@code ps_drop}, set by the live source. */
    public AtomicLong pcapKernelDrops() {
        return pcapKernelDrops;
    }

    /** libpcap's {@code ps_ifdrop}, set by the live source. */
    public AtomicLong pcapInterfaceDrops() {
        return pcapInterfaceDrops;
    }

    /** @return every count now, for the progress line and the exit summary */
    public AgentCounts snapshot() {
        return new AgentCounts(captured.sum(), bytesCaptured.sum(), published.sum(), entriesPublished.sum(),
                droppedBufferFull.sum(), droppedShutdown.sum(), droppedStreamFull.sum(), pcapKernelDrops.get(), pcapInterfaceDrops.get(),
                sums(malformed), sums(files));
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}

package io.packetstream.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.agent.metrics.AgentCounts;
import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.pace.Pacer;
import io.packetstream.agent.progress.ProgressReporter;
import io.packetstream.agent.publish.PublishException;
import io.packetstream.agent.publish.PublishOptions;
import io.packetstream.agent.publish.ReplayIdentity;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.agent.source.CaptureSourceException;
import io.packetstream.agent.source.FileDamage;
import io.packetstream.agent.source.LiveOptions;
import io.packetstream.agent.source.LiveSource;
import io.packetstream.agent.source.PacketSource;
import io.packetstream.agent.source.PcapFileSource;
import io.packetstream.agent.source.PlausibleTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the capture agent: replays the files one after another, or captures from the interface until
 * {@link #stop()}, publishing every packet to the shard streams; then reports the counts.
 *
 * <p>Sources are read on a dedicated named thread ({@code packetstream-capture}), libpcap included; the
 * publisher has its own thread and connection. File replay waits for Redis (it loses nothing); live capture
 * never waits, it drops and counts. Usable in-process (tests, a local launcher) as well as from
 * {@link CaptureAgentMain}.
 */
public final class CaptureAgent {

    private static final Logger log = LoggerFactory.getLogger(CaptureAgent.class);
    private static final Duration FOREVER = Duration.ofDays(3650);

    private final AgentOptions options;
    private final AgentMetrics metrics;
    private final List<String> errors = new ArrayList<>();
    private final AtomicReference<PacketSource> current = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile StreamPublisher publisher;

    /**
     * @param options  what to run; never {@code null}
     * @param registry where the agent's meters go; never {@code null}
     */
    public CaptureAgent(AgentOptions options, MeterRegistry registry) {
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = new AgentMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Runs to the end of the files, or until {@link #stop()} for live capture.
     *
     * @return the counts and the errors met (empty when all went well)
     * @throws AgentException when the run cannot start or cannot go on: a missing or non-capture file, Redis
     *                        unreachable within the connect timeout (files), a shard count mismatch, an
     *                        interface or filter libpcap refuses
     */
    public AgentResult run() throws InterruptedException {
        for (Path file : options.files()) {
            check(file); // every file is checked before anything is published
        }
        StreamPublisher p = StreamPublisher.start(options.redis(), options.keys(), storedShards(options.publish()),
                metrics);
        publisher = p;
        ProgressReporter progress = ProgressReporter.start(options.progress(), metrics, p::buffered,
                () -> Optional.ofNullable(current.get()));
        try {
            if (!options.isLive()) {
                awaitRedis(p);
            }
            runOnCaptureThread(p);
            Duration wait = options.isLive() || stopRequested ? options.shutdownGrace() : FOREVER;
            if (!p.awaitPublished(wait)) {
                log.warn("stopping with {} packets not yet acknowledged by Redis ({})", p.buffered(), p.lastError());
            }
        } catch (PublishException e) {
            throw new AgentException(e.getMessage(), e);
        } finally {
            p.close(); // counts what is still held as dropped (shutdown)
            progress.close();
        }
        AgentResult result = new AgentResult(metrics.snapshot(), errors);
        log.info(AgentSummary.format(result.counts()));
        return result;
    }

    /**
     * Learns the namespace's shard count when the run was not told one, waiting up to the connect timeout for Redis;
     * a namespace without one is set up with the default by the publisher.
     */
    private PublishOptions storedShards(PublishOptions publish) throws InterruptedException {
        if (!publish.followStoredShards()) {
            return publish;
        }
        OptionalInt stored;
        try {
            stored = StreamPublisher.storedShards(options.redis(), options.keys(), options.connectTimeout());
        } catch (PublishException e) {
            throw new AgentException(e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            log.info("namespace '{}' has no shard count yet; setting it up with the default {} (to choose, pass "
                    + "--shards to the first agent or indexer)", options.keys().namespace(), publish.shards());
        }
        return publish.toBuilder().shards(stored.orElse(publish.shards())).followStoredShards(false).build();
    }

    /** Asks the run to end: live capture stops, file replay stops after the current packet. Any thread. */
    public void stop() {
        stopRequested = true;
        StreamPublisher p = publisher;
        if (p != null) {
            p.cancel();
        }
    }

    /** @return the agent's counts now */
    public AgentCounts counts() {
        return metrics.snapshot();
    }

    private static void check(Path file) {
        try (PcapFileSource source = PcapFileSource.open(file)) {
            log.debug("{}: {}", file, source.format());
        } catch (CaptureSourceException e) {
            throw new AgentException(e.getMessage(), e);
        }
    }

    private void awaitRedis(StreamPublisher p) throws InterruptedException {
        String uri = options.redis().shown();
        if (!p.awaitReady(options.connectTimeout())) {
            Duration t = options.connectTimeout();
            String within = t.toMillis() % 1000 == 0 ? t.toSeconds() + "s" : t.toMillis() + "ms";
            throw new AgentException("cannot reach Redis at " + uri + " within " + within + " (--connect-timeout): "
                    + p.lastError());
        }
    }

    private void runOnCaptureThread(StreamPublisher p) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        String name = options.live().map(l -> "packetstream-capture-" + l.interfaceName()).orElse("packetstream-capture");
        Thread thread = new Thread(() -> {
            try {
                PlausibleTime times = options.isLive() ? PlausibleTime.forLive(PlausibleTime::systemNanos)
                        : PlausibleTime.forFiles(PlausibleTime::systemNanos);
                CaptureLoop loop = new CaptureLoop(p, metrics, Pacer.of(options.pace()), times, () -> stopRequested);
                if (options.isLive()) {
                    capture(loop, options.live().get());
                } else {
                    replay(loop, p);
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, name);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            stop();
            thread.join(options.shutdownGrace().toMillis());
            throw e;
        }
        RuntimeException e = failure.get();
        if (e instanceof CaptureSourceException || e instanceof PublishException) {
            throw new AgentException(e.getMessage(), e);
        }
        if (e != null) {
            throw e;
        }
    }

    private void replay(CaptureLoop loop, StreamPublisher p) {
        for (Path file : options.files()) {
            if (stopRequested) {
                return;
            }
            try (PcapFileSource source = PcapFileSource.open(file)) {
                log.info("replaying {} ({}, {} bytes)", file, source.format(), source.size());
                if (options.pace() == 0) {
                    // a paced replay batches by time (linger) to keep its pace, so it cannot resume exactly
                    beginResumable(p, file);
                }
                current.set(source);
                boolean ended = loop.run(source);
                current.set(null);
                if (ended) {
                    finished(source);
                }
            }
        }
    }

    /** Publishes the file under its own id, after everything before it was acknowledged (see ReplayIdentity). */
    private void beginResumable(StreamPublisher p, Path file) {
        try {
            p.awaitPublished(FOREVER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while publishing", e);
        }
        String id = ReplayIdentity.publisherId(options.publish().sensor(), file);
        p.beginResumable(id);
        log.info("{}: publisher {}; a rerun of this file by this sensor stores only what this run did not", file, id);
    }

    private void finished(PcapFileSource source) {
        Optional<FileDamage> damage = source.damage();
        if (damage.isEmpty()) {
            metrics.fileReplayed("complete");
            log.info("{}: {} packets read", source.name(), source.packets());
            return;
        }
        FileDamage d = damage.get();
        metrics.fileReplayed(d.kind().tag());
        String message = source.name() + ": " + d.message();
        if (d.kind() == FileDamage.Kind.TRUNCATED) {
            log.warn(message);
        } else {
            log.error(message);
            synchronized (errors) {
                errors.add(message);
            }
        }
    }

    private void capture(CaptureLoop loop, LiveOptions live) {
        try (LiveSource source = LiveSource.open(live, metrics.pcapKernelDrops(), metrics.pcapInterfaceDrops())) {
            log.info("capturing on {} (link type {}{})", live.interfaceName(), source.linkType(),
                    live.filter().isBlank() ? "" : ", filter '" + live.filter() + "'");
            current.set(source);
            loop.run(source);
            current.set(null);
        }
    }

    /**
     * What a run produced.
     *
     * @param counts the final counts
     * @param errors one line per error met (corrupt files); empty when all went well
     */
    public record AgentResult(AgentCounts counts, List<String> errors) {

        public AgentResult {
            Objects.requireNonNull(counts, "counts");
            errors = List.copyOf(errors);
        }

        /** @return true when no error was met */
        public boolean ok() {
            return errors.isEmpty();
        }
    }
}

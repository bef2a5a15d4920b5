package io.packetstream.agent;

import io.packetstream.agent.metrics.AgentMetrics;
import io.packetstream.agent.pace.Pacer;
import io.packetstream.agent.publish.StreamPublisher;
import io.packetstream.agent.source.PacketSink;
import io.packetstream.agent.source.PacketSource;
import io.packetstream.agent.source.PlausibleTime;
import io.packetstream.core.decode.LinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.BitSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drives one source into the publisher on the calling thread: polls packets in small runs, counts them, drops
 * and counts those with an implausible time ({@link PlausibleTime}), paces them, warns once per source about link
 * types the decoder does not know and about bad times, and flushes lingering batches between runs.
 */
final class CaptureLoop implements PacketSink {

    private static final Logger log = LoggerFactory.getLogger(CaptureLoop.class);
    private static final int RUN = 256;
    private static final long MAX_PACING_SLEEP_NANOS = 1_000_000L;

    private final StreamPublisher publisher;
    private final AgentMetrics metrics;
    private final Pacer pacer;
    private final BooleanSupplier stopRequested;
    private final PlausibleTime plausibleTime;
    private final BitSet linkTypesSeen = new BitSet();
    private String sourceName = "";
    private int lastLinkType = -1;
    private boolean badTimeSeen;

    CaptureLoop(StreamPublisher publisher, AgentMetrics metrics, Pacer pacer, PlausibleTime plausibleTime,
                BooleanSupplier stopRequested) {
        this.publisher = publisher;
        this.plausibleTime = plausibleTime;
        this.metrics = metrics;
        this.pacer = pacer;
        this.stopRequested = stopRequested;
    }

    /** @return true when the source ended, false when a stop was requested first */
    boolean run(PacketSource source) {
        sourceName = source.name();
        linkTypesSeen.clear();
        lastLinkType = -1;
        badTimeSeen = false;
        pacer.reset();
        while (!stopRequested.getAsBoolean()) {
            plausibleTime.refresh();
            int n = source.poll(this, RUN);
            publisher.flushDue();
            if (n < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(long timestampNanos, int originalLength, int linkType, byte[] frame, int offset,
                       int capturedLength) {
        metrics.captured(capturedLength);
        if (!plausibleTime.accepts(timestampNanos)) {
            badTime(timestampNanos); // before pacing too: a packet stamped 2106 must not make the replay wait
            return;
        }
        if (linkType != lastLinkType) {
            noteLinkType(linkType);
        }
        if (!pacer.unpaced()) {
            awaitDue(timestampNanos);
        }
        publisher.accept(timestampNanos, originalLength, linkType, frame, offset, capturedLength);
    }

    private void badTime(long timestampNanos) {
        metrics.malformed(PlausibleTime.REASON);
        if (!badTimeSeen) {
            badTimeSeen = true;
            log.warn("{}: a packet is stamped {}, outside the plausible capture times ({}); such packets are not "
                            + "published and are counted as malformed ({}), this is reported once per source",
                    sourceName, Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                            Math.floorMod(timestampNanos, 1_000_000_000L)), plausibleTime.describe(),
                    PlausibleTime.REASON);
        }
    }

    private void noteLinkType(int linkType) {
        lastLinkType = linkType;
        if (linkType >= 0 && !linkTypesSeen.get(linkType)) {
            linkTypesSeen.set(linkType);
            if (LinkType.of(linkType).isEmpty()) {
                log.warn("{}: link type {} is unknown to the decoder; its packets are published to shard 0 and "
                        + "counted as malformed (unknown_link_type)", sourceName, linkType);
            }
        }
    }

    private void awaitDue(long timestampNanos) {
        long delay;
        while ((delay = pacer.delayNanos(timestampNanos, System.nanoTime())) > 0 && !stopRequested.getAsBoolean()) {
            publisher.flushDue(); // batches of a slow replay still leave within the linger time
            LockSupport.parkNanos(Math.min(delay, MAX_PACING_SLEEP_NANOS));
        }
    }
}

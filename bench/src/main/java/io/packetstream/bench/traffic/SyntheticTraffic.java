package io.packetstream.bench.traffic;

import io.packetstream.core.address.IpAddress;
import io.packetstream.testsupport.frames.Frames;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates a realistic packet mix in capture-time order, without holding the capture in memory.
 *
 * <p>Flows arrive as a Poisson process and overlap (about {@link #CONCURRENT_FLOWS} at a time): HTTPS and HTTP
 * downloads from outside and local servers (handshake, small request, full-size data, ACKs, FIN), DNS over UDP,
 * interactive SSH with small packets, and UDP to high ports; 10 % IPv6. Frame sizes come out bimodal like real
 * traffic: about half under 100 bytes, a third full-size. One data packet in 10,000 (or as many as asked)
 * carries the bytes 35 AF F8.
 */
public final class SyntheticTraffic {

    /** Receives each generated packet. */
    @FunctionalInterface
    public interface Sink {
        void packet(long timestampNanos, byte[] frame);
    }

    static final int CONCURRENT_FLOWS = 1500;
    private static final long START = 1_795_253_880_000_000_000L; // 2026-11-21T09:38:00Z
    private static final byte[] MARKER = {0x35, (byte) 0xAF, (byte) 0xF8};

    private final Random random;
    private final HostPool hosts;
    private final long meanGapNanos;
    private final int markerOneIn;

    /**
     * @param seed          makes the capture reproducible
     * @param packetsPerSec average capture rate, which sets how long the capture spans
     */
    public SyntheticTraffic(long seed, int packetsPerSec) {
        this(seed, packetsPerSec, 10_000);
    }

    /** @param markerOneIn one data packet in this many carries the bytes 35 AF F8 */
    public SyntheticTraffic(long seed, int packetsPerSec, int markerOneIn) {
        if (packetsPerSec < 1 || markerOneIn < 1) {
            throw new IllegalArgumentException("packetsPerSec and markerOneIn must be positive");
        }
        this.random = new Random(seed);
        this.hosts = new HostPool(random);
        this.meanGapNanos = 1_000_000_000L / packetsPerSec;
        this.markerOneIn = markerOneIn;
    }

    /** Emits {@code count} packets to the sink in time order. */
    public void generate(long count, Sink sink) {
        PriorityQueue<Flow> flows = new PriorityQueue<>((a, b) -> Long.compare(a.nextTime, b.nextTime));
        long now = START;
        long emitted = 0;
        // flows average ~35 packets and arrive every ~30 capture gaps; spacing a flow's own packets by
        // CONCURRENT_FLOWS capture gaps then keeps about CONCURRENT_FLOWS flows open at any time
        long nextArrival = START;
        while (emitted < count) {
            if (flows.isEmpty() || (nextArrival <= flows.peek().nextTime && flows.size() < 4 * CONCURRENT_FLOWS)) {
                flows.add(Flow.open(random, hosts, nextArrival, meanGapNanos * CONCURRENT_FLOWS));
                nextArrival += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos * 30);
                continue;
            }
            Flow flow = flows.poll();
            now = Math.max(now, flow.nextTime);
            byte[] frame = flow.nextFrame(random, MARKER, markerOneIn);
            sink.packet(now, frame);
            emitted++;
            if (!flow.finished()) {
                flows.add(flow);
            }
        }
    }

    /** @return a frame of {@code payloadBytes} on the flow's endpoints, in the given direction */
    static byte[] frame(Flow flow, boolean fromClient, int flags, byte[] payload) {
        IpAddress src = fromClient ? flow.client : flow.server;
        IpAddress dst = fromClient ? flow.server : flow.client;
        int srcPort = fromClient ? flow.clientPort : flow.serverPort;
        int dstPort = fromClient ? flow.serverPort : flow.clientPort;
        return flow.udp ? Frames.udp(src, srcPort, dst, dstPort, payload)
                : Frames.tcp(src, srcPort, dst, dstPort, flags, payload);
    }
}

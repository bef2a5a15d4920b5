package io.packetstream.agent.source;

import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;

import java.io.EOFException;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Captures from a network interface through libpcap (pcap4j), with an optional BPF filter and nanosecond
 * timestamps where the platform offers them.
 *
 * <p>libpcap is opened, polled and closed on one dedicated thread of the caller's (never an event loop). The
 * handle is non-blocking: {@link #poll} returns 0 after resting at most a millisecond when no packet came, so
 * that thread can flush batches and notice a stop request even on an idle interface. libpcap's own drop
 * counters are copied into the given counters about once a second and at close.
 */
public final class LiveSource implements PacketSource {

    private static final long STATS_INTERVAL_NANOS = 1_000_000_000L;
    private static final long MAX_IDLE_NANOS = 1_000_000L;

    private final LiveOptions options;
    private final PcapHandle handle;
    private final int linkType;
    private final AtomicLong kernelDrops;
    private final AtomicLong interfaceDrops;
    private final long idleNanos;
    private long lastStats = System.nanoTime();
    private boolean ended;

    private LiveSource(LiveOptions options, PcapHandle handle, AtomicLong kernelDrops, AtomicLong interfaceDrops) {
        this.options = options;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.kernelDrops = kernelDrops;
        this.interfaceDrops = interfaceDrops;
        this.idleNanos = Math.min(options.readTimeout().toNanos(), MAX_IDLE_NANOS);
    }

    /**
     * Opens the interface and applies the filter. Call it on the thread that will poll.
     *
     * @param options        interface, filter, snaplen…; never {@code null}
     * @param kernelDrops    receives libpcap's {@code ps_drop} (no room in the kernel buffer); never {@code null}
     * @param interfaceDrops receives libpcap's {@code ps_ifdrop} (dropped by the interface); never {@code null}
     * @throws CaptureSourceException when libpcap is missing, the interface cannot be opened (no such device, no
     *                                permission) or the filter does not compile
     */
    public static LiveSource open(LiveOptions options, AtomicLong kernelDrops, AtomicLong interfaceDrops) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(kernelDrops, "kernelDrops");
        Objects.requireNonNull(interfaceDrops, "interfaceDrops");
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(options.interfaceName())
                    .snaplen(options.snaplen())
                    .promiscuousMode(options.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(options.readTimeoutMillis())
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (PcapNativeException e) {
            throw LiveOpenFailure.of(options.interfaceName(), e);
        } catch (LinkageError e) {
            throw LiveOpenFailure.libpcapMissing(e);
        }
        try {
            if (!options.filter().isBlank()) {
                try {
                    handle.setFilter(options.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw new CaptureSourceException("bad filter '" + options.filter() + "': " + e.getMessage(), e);
                }
            }
            // Linux TPACKET_V3 ignores the read timeout while no packet comes: without this an idle interface
            // would block the capture thread for good (no linger flushes, no stop)
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new LiveSource(options, handle, kernelDrops, interfaceDrops);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new CaptureSourceException("cannot set up capture on '" + options.interfaceName() + "': "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** @return the LINKTYPE_ number of the interface */
    public int linkType() {
        return linkType;
    }

    @Override
    public int poll(PacketSink sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (ended) {
            return -1;
        }
        int n = 0;
        try {
            while (n < max) {
                byte[] frame = handle.getNextRawPacketEx();
                Timestamp time = handle.getTimestamp();
                long nanos = Math.floorDiv(time.getTime(), 1000L) * 1_000_000_000L + time.getNanos();
                Integer original = handle.getOriginalLength();
                n++;
                sink.accept(nanos, original == null ? frame.length : original, linkType, frame, 0, frame.length);
            }
        } catch (TimeoutException idle) {
            if (n == 0) {
                LockSupport.parkNanos(idleNanos); // nothing waiting: rest a little, then give the caller its turn
            }
        } catch (EOFException e) {
            ended = true;
        } catch (PcapNativeException | NotOpenException e) {
            throw new CaptureSourceException("capture on '" + options.interfaceName() + "' failed: " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        if (now - lastStats >= STATS_INTERVAL_NANOS) {
            lastStats = now;
            updateStats();
        }
        return n == 0 && ended ? -1 : n;
    }

    private void updateStats() {
        try {
            PcapStat stat = handle.getStats();
            kernelDrops.set(stat.getNumPacketsDropped());
            interfaceDrops.set(stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            // some platforms and devices keep no statistics; the counters then stay where they were
        }
    }

    @Override
    public String name() {
        return options.interfaceName();
    }

    @Override
    public void close() {
        if (handle.isOpen()) {
            updateStats();
            handle.close();
        }
    }
}

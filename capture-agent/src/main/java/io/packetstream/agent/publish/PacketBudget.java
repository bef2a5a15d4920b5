package io.packetstream.agent.publish;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what the agent holds between capture and Redis' acknowledgement: packets and captured bytes in open
 * batches, queued batches and XADDs in flight. One producer thread acquires; any thread releases.
 */
final class PacketBudget {

    private final long maxPackets;
    private final long maxBytes;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Object monitor = new Object();
    private volatile boolean waiting;

    PacketBudget(long maxPackets, long maxBytes) {
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /** Takes room for one packet if there is some; only the producer thread calls this. */
    boolean tryAcquire(int capturedLength) {
        if (!hasRoom(capturedLength)) {
            return false;
        }
        packets.incrementAndGet();
        bytes.addAndGet(capturedLength);
        return true;
    }

    /**
     * Takes room for one packet even without any: only when every packet held sits in an open batch, where
     * waiting would never end and closing a batch early would make batches depend on timing. The excess is at
     * most one open batch per shard.
     */
    void forceAcquire(int capturedLength) {
        packets.incrementAndGet();
        bytes.addAndGet(capturedLength);
    }

    private boolean hasRoom(int capturedLength) {
        return packets.get() < maxPackets && bytes.get() + capturedLength <= maxBytes;
    }

    void release(long releasedPackets, long releasedBytes) {
        packets.addAndGet(-releasedPackets);
        bytes.addAndGet(-releasedBytes);
        if (waiting) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Waits until a release makes room for a packet of that size, or the timeout passes. */
    void awaitRoom(int capturedLength, long timeout, TimeUnit unit) throws InterruptedException {
        synchronized (monitor) {
            waiting = true;
            try {
                if (!hasRoom(capturedLength)) {
                    TimeUnit.MILLISECONDS.timedWait(monitor, Math.max(1, unit.toMillis(timeout)));
                }
            } finally {
                waiting = false;
            }
        }
    }

    /** Waits until everything acquired was released, or the timeout passes; wakes on each release. */
    void awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        synchronized (monitor) {
            waiting = true;
            try {
                if (packets.get() > 0) {
                    TimeUnit.MILLISECONDS.timedWait(monitor, Math.max(1, unit.toMillis(timeout)));
                }
            } finally {
                waiting = false;
            }
        }
    }

    long packets() {
        return packets.get();
    }

    long bytes() {
        return bytes.get();
    }
}

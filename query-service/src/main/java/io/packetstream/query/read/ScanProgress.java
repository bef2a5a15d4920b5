package io.packetstream.query.read;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a packet scan (question 5) did so far: packets decoded and whether the limit cut it short. Other questions
 * leave it at zero. Safe to read from any thread once the answer's results completed.
 */
public final class ScanProgress {

    private final AtomicLong packetsScanned = new AtomicLong();
    private final AtomicBoolean limitReached = new AtomicBoolean();

    public long packetsScanned() {
        return packetsScanned.get();
    }

    public boolean limitReached() {
        return limitReached.get();
    }

    void scanned(long packets) {
        packetsScanned.addAndGet(packets);
    }

    void reachedLimit() {
        limitReached.set(true);
    }
}

package io.packetstream.bench.traffic;

/**
 * Capture times for a recording played over and over: each repetition keeps the shape of the original (its bursts
 * and pauses, all gaps scaled by one factor) and follows the previous one, so time only moves forward. Times are
 * whole microseconds, strictly increasing, as in a classic pcap written by tcpdump.
 */
final class RepeatClock {

    static final long MICRO = 1_000;

    private final long[] gaps;
    private long now;
    private int next;

    /**
     * @param originalNanos capture times of one repetition, in order (at least two)
     * @param packetsPerSec average rate to scale to; 0 keeps the recorded gaps
     * @param startNanos    time of the first packet
     */
    RepeatClock(long[] originalNanos, int packetsPerSec, long startNanos) {
        if (originalNanos.length < 2 || packetsPerSec < 0) {
            throw new IllegalArgumentException("need at least two packets and a rate of 0 or more");
        }
        int n = originalNanos.length;
        double span = originalNanos[n - 1] - originalNanos[0];
        // the gap from one repetition's last packet to the next one's first is the recording's mean gap
        double mean = span / (n - 1);
        double scale = packetsPerSec == 0 ? 1.0 : 1e9 / packetsPerSec / mean;
        gaps = new long[n];
        gaps[0] = micros(mean * scale);
        for (int i = 1; i < n; i++) {
            gaps[i] = micros(Math.max(0, originalNanos[i] - originalNanos[i - 1]) * scale);
        }
        now = startNanos / MICRO * MICRO - gaps[0];
    }

    /** @return a gap rounded to whole microseconds, at least one, so no two packets share a time */
    private static long micros(double nanos) {
        return Math.max(MICRO, Math.round(nanos / MICRO) * MICRO);
    }

    /** @return the capture time of the next packet; */
    long next() {
        now += gaps[next];
        next = (next + 1) % gaps.length;
        return now;
    }
}

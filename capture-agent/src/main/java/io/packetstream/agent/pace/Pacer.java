package io.packetstream.agent.pace;

/**
 * Replays a capture at its recorded pace, or faster or slower: a packet captured {@code d} after the first one
 * is due {@code d / speed} after the replay started. Speed 0 means as fast as possible.
 *
 * <p>If the replay falls more than a second behind (Redis was slow), the schedule restarts from the late packet
 * instead of bursting to catch up, so the gaps between packets keep their recorded proportions. Pure logic on
 * the caller's clock; not thread-safe.
 */
public final class Pacer {

    private static final long MAX_LATE_NANOS = 1_000_000_000L;

    private final double speed;
    private boolean started;
    private long firstCapture;
    private long firstClock;

    private Pacer(double speed) {
        this.speed = speed;
    }

    /**
     * @param speed 0 for as fast as possible, 1.0 for the recorded pace, 2.0 for twice as fast…; finite, not
     *              negative
     */
    public static Pacer of(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("pace must be 0 (as fast as possible) or a positive speed, was " + speed);
        }
        return new Pacer(speed);
    }

    /** @return true when packets are never delayed */
    public boolean unpaced() {
        return speed == 0;
    }

    /**
     * @param captureNanos the packet's capture time
     * @param nowNanos     the caller's monotonic clock ({@code System.nanoTime()})
     * @return how long to wait before handing the packet on; 0 when it is due
     */
    public long delayNanos(long captureNanos, long nowNanos) {
        if (speed == 0) {
            return 0;
        }
        if (!started) {
            restartAt(captureNanos, nowNanos);
            return 0;
        }
        long due = firstClock + (long) ((captureNanos - firstCapture) / speed);
        long delay = due - nowNanos;
        if (delay < -MAX_LATE_NANOS) {
            restartAt(captureNanos, nowNanos);
            return 0;
        }
        return Math.max(0, delay);
    }

    /** Forgets the schedule: the next packet is due at once (e.g. at the start of the next file). */
    public void reset() {
        started = false;
    }

    private void restartAt(long captureNanos, long nowNanos) {
        started = true;
        firstCapture = captureNanos;
        firstClock = nowNanos;
    }
}

package io.packetstream.bench.live;

import java.util.Arrays;

/**
 * A set of latency samples in milliseconds, summarised as count, p50, p99 and max.
 */
record Latencies(long[] millis) {

    Latencies {
        millis = millis.clone();
        Arrays.sort(millis);
    }

    long count() {
        return millis.length;
    }

    double p50() {
        return percentile(0.50);
    }

    double p99() {
        return percentile(0.99);
    }

    double max() {
        return millis.length == 0 ? Double.NaN : millis[millis.length - 1];
    }

    private double percentile(double p) {
        return millis.length == 0 ? Double.NaN : millis[(int) Math.min(millis.length - 1, Math.ceil(p * millis.length) - 1)];
    }

    @Override
    public String toString() {
        return String.format("%,d samples  p50 %.0f ms  p99 %.0f ms  max %.0f ms", count(), p50(), p99(), max());
    }
}

package io.packetstream.agent.progress;

import io.packetstream.agent.metrics.AgentCounts;

import java.util.Locale;

/**
 * Formats one progress line from two snapshots of the counts.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * @param label    what is being read (file name or interface), or the word for the final line
     * @param now      counts now
     * @param before   counts at the start of the interval
     * @param nanos    length of the interval
     * @param buffered packets held, not yet acknowledged by Redis
     * @param fraction part of the current file read, NaN for live capture
     */
    static String format(String label, AgentCounts now, AgentCounts before, long nanos, long buffered, double fraction) {
        double seconds = Math.max(nanos, 1) / 1e9;
        long packets = now.captured() - before.captured();
        long bytes = now.bytesCaptured() - before.bytesCaptured();
        StringBuilder line = new StringBuilder(160);
        line.append(label).append(": ")
                .append(String.format(Locale.ROOT, "%,d packets, %,.0f packets/s, %.1f MB/s", now.captured(),
                        packets / seconds, bytes / seconds / 1e6))
                .append(String.format(Locale.ROOT, ", published %,d, dropped %,d", now.published(), now.dropped()));
        if (now.pcapDropped() + now.pcapIfDropped() > 0) {
            line.append(String.format(Locale.ROOT, " (+ libpcap %,d)", now.pcapDropped() + now.pcapIfDropped()));
        }
        line.append(String.format(Locale.ROOT, ", buffered %,d", buffered));
        if (!Double.isNaN(fraction)) {
            line.append(String.format(Locale.ROOT, ", %.1f%% read", 100 * fraction));
        }
        return line.toString();
    }
}

package io.packetstream.agent;

import io.packetstream.agent.metrics.AgentCounts;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-line summary printed at exit.
 */
final class AgentSummary {

    private AgentSummary() {
    }

    static String format(AgentCounts c) {
        StringBuilder s = new StringBuilder(200);
        s.append(String.format(Locale.ROOT, "summary: captured %,d packets (%,d bytes), published %,d in %,d entries, "
                        + "dropped %,d (buffer_full %,d, shutdown %,d, stream_full %,d), libpcap dropped %,d (kernel %,d, interface %,d), "
                        + "malformed %,d", c.captured(), c.bytesCaptured(), c.published(), c.entries(), c.dropped(),
                c.droppedBufferFull(), c.droppedShutdown(), c.droppedStreamFull(), c.pcapDropped() + c.pcapIfDropped(), c.pcapDropped(),
                c.pcapIfDropped(), c.malformedTotal()));
        appendTags(s, c.malformed());
        if (!c.files().isEmpty()) {
            s.append(", files");
            appendTags(s, c.files());
        }
        return s.toString();
    }

    private static void appendTags(StringBuilder s, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        s.append(" (");
        String sep = "";
        for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
            s.append(sep).append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            sep = ", ";
        }
        s.append(')');
    }
}

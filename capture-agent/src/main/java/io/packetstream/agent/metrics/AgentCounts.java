package io.packetstream.agent.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * The agent's counts at one moment: what the progress line shows and what the agent prints at exit.
 *
 * @param captured          packets read or captured
 * @param bytesCaptured     their captured bytes
 * @param published         packets Redis acknowledged
 * @param entries           stream entries Redis acknowledged
 * @param droppedBufferFull packets dropped because the buffer was full (live capture only)
 * @param droppedShutdown   packets still unpublished when the agent stopped
 * @param droppedStreamFull packets refused because their stream held {@code --max-len} entries the indexers had
 *                          not acknowledged (live capture only; file replay waits instead)
 * @param pcapDropped       libpcap's kernel drops ({@code ps_drop})
 * @param pcapIfDropped     libpcap's interface drops ({@code ps_ifdrop})
 * @param malformed         malformed frames by reason (published anyway, except {@code bad_time})
 * @param files             files replayed by outcome ({@code complete}, {@code truncated}, {@code corrupt})
 */
public record AgentCounts(long captured, long bytesCaptured, long published, long entries, long droppedBufferFull,
                          long droppedShutdown, long droppedStreamFull, long pcapDropped, long pcapIfDropped, Map<String, Long> malformed,
                          Map<String, Long> files) {

    public AgentCounts {
        malformed = Map.copyOf(Objects.requireNonNull(malformed, "malformed"));
        files = Map.copyOf(Objects.requireNonNull(files, "files"));
    }

    /** @return packets the agent itself dropped, for any reason */
    public long dropped() {
        return droppedBufferFull + droppedShutdown + droppedStreamFull;
    }

    /** @return malformed frames of every reason */
    public long malformedTotal() {
        return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return files replayed with that outcome */
    public long files(String outcome) {
        return files.getOrDefault(outcome, 0L);
    }
}

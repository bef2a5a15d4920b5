package io.packetstream.agent.metrics;

import io.packetstream.core.metrics.MeterInfo;
import io.packetstream.core.metrics.MeterSpec;

/**
 * Every meter the capture agent publishes, in one place.
 */
public enum AgentMeters implements MeterSpec {
    PACKETS_CAPTURED("packets.captured", "Packets read from files or captured from the interface", "packets"),
    BYTES_CAPTURED("bytes.captured", "Captured bytes of the packets read or captured", "bytes"),
    PACKETS_PUBLISHED("packets.published", "Packets Redis acknowledged in a stream entry", "packets"),
    ENTRIES_PUBLISHED("entries.published", "Stream entries (batches of packets) Redis acknowledged", "entries"),
    ENTRIES_DEDUPLICATED("entries.deduplicated", "Stream entries sent again whose earlier attempt Redis had already "
            + "appended (its reply was lost); not appended twice, and counted once in entries.published", "entries"),
    PACKETS_DROPPED("packets.dropped", "Packets the agent dropped, by reason: buffer_full (live capture with a full "
            + "buffer), shutdown (still unpublished when the agent stopped), stream_full (live capture while the stream held "
            + "--max-len entries the indexers had not acknowledged)", "packets"),
    PACKETS_MALFORMED("packets.malformed", "Frames the decoder rejected, by reason; they are still published, "
            + "to shard 0, except bad_time (stamped before 1990 or more than a day after now): not published", "packets"),
    PUBLISH_LATENCY("publish.latency", "Time from sending an entry (the XADD script) to its acknowledgement", "seconds"),
    PUBLISH_RETRIES("publish.retries", "Stream entries sent again after Redis failed, was unreachable, "
            + "lost its scripts or received them out of order", "entries"),
    BUFFER_PACKETS("buffer.packets", "Packets held by the agent and not yet acknowledged by Redis", "packets"),
    BUFFER_BYTES("buffer.bytes", "Captured bytes held by the agent and not yet acknowledged by Redis", "bytes"),
    PCAP_DROPPED("pcap.dropped", "Packets libpcap reports dropped, by reason: kernel (ps_drop, no room in the "
            + "capture buffer) and interface (ps_ifdrop)", "packets"),
    FILES("files", "Capture files replayed, by outcome: complete, truncated, corrupt", "files");

    private final MeterInfo info;

    AgentMeters(String name, String description, String baseUnit) {
        this.info = new MeterInfo("packetstream.agent." + name, description, baseUnit);
    }

    @Override
    public MeterInfo info() {
        return info;
    }
}

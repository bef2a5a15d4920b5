package io.packetstream.core.record;

/**
 * Field names of a packet stream entry. An entry holds one batch from one sensor.
 */
public final class StreamEntryFields {

    /** The sensor id, UTF-8. */
    public static final String SENSOR = "s";
    /** The packets, see {@link PacketBatchWriter}. */
    public static final String PACKETS = "p";

    private StreamEntryFields() {
    }
}

package io.packetstream.query.render;

/**
 * The capture-file formats question 5's packets can be sent in.
 */
public enum CaptureFormat {
    /** Classic pcap: one link type per file, that of the first packet; others are left out and counted. */
    PCAP("application/vnd.tcpdump.pcap", "pcap"),
    /** pcapng: one interface per link type, so every packet fits. */
    PCAPNG("application/x-pcapng", "pcapng");

    private final String mediaType;
    private final String extension;

    CaptureFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}

package io.packetstream.query.http;

/**
 * The response formats the API knows, by media type. {@link #EVENT_STREAM}, a live subscription that never ends
 * by itself, is only chosen when the client names it: {@code text/*} or {@code *}{@code /*} never select it.
 */
enum Format {
    JSON("application/json", false),
    NDJSON("application/x-ndjson", false),
    PCAP("application/vnd.tcpdump.pcap", false),
    PCAPNG("application/x-pcapng", false),
    EVENT_STREAM("text/event-stream", true);

    private final String mediaType;
    private final boolean explicitOnly;

    Format(String mediaType, boolean explicitOnly) {
        this.mediaType = mediaType;
        this.explicitOnly = explicitOnly;
    }

    String mediaType() {
        return mediaType;
    }

    /** @return whether only an Accept range naming this exact type selects it */
    boolean explicitOnly() {
        return explicitOnly;
    }
}

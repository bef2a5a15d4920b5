package io.packetstream.query.http;

/**
 * The response formats the API knows, by media type. {@link #EVENT_STREAM} is known so that a request for it gets
 * a precise answer; no route produces it yet (live subscriptions come with issue 3).
 */
enum Format {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    PCAP("application/vnd.tcpdump.pcap"),
    PCAPNG("application/x-pcapng"),
    EVENT_STREAM("text/event-stream");

    private final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }
}

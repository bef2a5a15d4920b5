package io.packetstream.query.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The six question routes of design.md: path, the parameters each takes and requires, and the formats it
 * produces. Every route also takes the parameters of live subscriptions, {@link #LIVE_PARAMETERS}.
 */
enum Route {
    ACTIVE_CONNECTIONS("/api/v1/connections/active", "q1", List.of("at", "sensor"), Set.of(), Formats.TABLE,
            "connections with a packet in (at − 1 s, at]; at defaults to the newest capture time indexed"),
    VOLUME("/api/v1/volume", "q2", List.of("a", "b", "from", "to", "sensor"), Set.of("a", "b"), Formats.TABLE,
            "packets and bytes per minute between hosts a and b"),
    CONNECTED_TO("/api/v1/hosts/connected-to", "q3", List.of("ip", "port", "from", "to", "sensor"), Set.of("ip"),
            Formats.TABLE, "hosts that sent TCP/UDP to ip:port or received from it (port defaults to 80)"),
    WELL_KNOWN_SERVICES("/api/v1/hosts/well-known-services", "q4", List.of("from", "to", "sensor"), Set.of(),
            Formats.TABLE, "hosts with incoming connection attempts or datagrams on ports below 1024"),
    PACKETS_CONTAINING("/api/v1/packets/containing", "q5", List.of("hex", "from", "to", "limit", "sensor"),
            Set.of("hex"), Formats.PACKETS, "packets whose transport payload contains the hex bytes"),
    TALKING_OUTSIDE("/api/v1/hosts/talking-outside", "q6", List.of("from", "to", "sensor"), Set.of(), Formats.TABLE,
            "local hosts that exchanged packets with outside hosts, with those peers");

    /** What every route takes for live subscriptions: {@code follow=true} (NDJSON) and a cursor to resume from. */
    static final List<String> LIVE_PARAMETERS = List.of("follow", "lastEventId");

    private final String path;
    private final String tag;
    private final List<String> parameters;
    private final Set<String> required;
    private final List<Format> formats;
    private final String summary;

    Route(String path, String tag, List<String> parameters, Set<String> required, List<Format> formats,
          String summary) {
        this.path = path;
        this.tag = tag;
        this.parameters = parameters;
        this.required = required;
        this.formats = formats;
        this.summary = summary;
    }

    static Optional<Route> find(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }

    String path() {
        return path;
    }

    /** @return q1 … q6 */
    String tag() {
        return tag;
    }

    /** @return every parameter the route accepts, in documentation order */
    List<String> parameters() {
        return parameters;
    }

    Set<String> required() {
        return required;
    }

    /** @return the formats produced, the default first */
    List<Format> formats() {
        return formats;
    }

    String summary() {
        return summary;
    }

    private static final class Formats {
        static final List<Format> TABLE = List.of(Format.JSON, Format.NDJSON, Format.EVENT_STREAM);
        static final List<Format> PACKETS = List.of(Format.JSON, Format.NDJSON, Format.PCAP, Format.PCAPNG,
                Format.EVENT_STREAM);
    }
}

package io.packetstream.query.http;

import io.packetstream.query.read.Question;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP route of a question, derived from its {@link Question.Kind}: path, the parameters it takes and
 * requires, the formats it produces. Every route also takes the parameters of live subscriptions,
 * {@link #LIVE_PARAMETERS}.
 */
record Route(Question.Kind kind) {

    /** What every route takes for live subscriptions: {@code follow=true} (NDJSON) and a cursor to resume from. */
    static final List<String> LIVE_PARAMETERS = List.of("follow", "lastEventId");

    private static final List<Format> TABLE = List.of(Format.JSON, Format.NDJSON, Format.EVENT_STREAM);
    private static final List<Format> PACKETS = List.of(Format.JSON, Format.NDJSON, Format.PCAP, Format.PCAPNG,
            Format.EVENT_STREAM);
    private static final List<Route> ALL = Arrays.stream(Question.Kind.values()).map(Route::new).toList();

    /** @return a route per question, in question order */
    static List<Route> all() {
        return ALL;
    }

    static Route of(Question.Kind kind) {
        return ALL.get(kind.ordinal());
    }

    static Optional<Route> find(String path) {
        return ALL.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    String path() {
        return kind.path();
    }

    /** @return q1 … q6 */
    String tag() {
        return kind.tag();
    }

    /** @return every parameter the route accepts, in documentation order */
    List<String> parameters() {
        return kind.parameters();
    }

    Set<String> required() {
        return kind.required();
    }

    /** @return the formats produced, the default first; packets also as capture files */
    List<Format> formats() {
        return kind.packets() ? PACKETS : TABLE;
    }

    String summary() {
        return kind.summary();
    }
}

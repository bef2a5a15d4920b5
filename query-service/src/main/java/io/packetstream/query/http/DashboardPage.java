package io.packetstream.query.http;

import java.nio.charset.StandardCharsets;

/**
 * {@code GET /}: a placeholder page listing the API until the dashboard arrives. Self-contained: no script, style
 * sheet or font from anywhere else.
 */
final class DashboardPage {

    private static final byte[] PAGE = build().getBytes(StandardCharsets.UTF_8);

    private DashboardPage() {
    }

    static byte[] bytes() {
        return PAGE;
    }

    private static String build() {
        StringBuilder rows = new StringBuilder();
        for (Route r : Route.all()) {
            rows.append("<tr><td>").append(r.tag()).append("</td><td><code>GET ").append(r.path());
            if (!r.parameters().isEmpty()) {
                rows.append("?").append(String.join("&amp;", r.parameters().stream()
                        .map(p -> r.required().contains(p) ? p + "=…" : "[" + p + "=…]").toList()));
            }
            rows.append("</code></td><td>").append(escape(r.summary())).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>packetstream</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:70em}td{padding:.2em .6em;vertical-align:top}
                code{font-size:.95em}</style></head>
                <body><h1>packetstream query service</h1>
                <p>The dashboard is coming. Meanwhile the API answers the six questions:</p>
                <table>
                %s</table>
                <p>Times are RFC 3339 (<code>2026-11-21T09:38:12.5Z</code>) or decimal epoch seconds; every request
                may add <code>sensor=ID</code>. Answers are <code>application/json</code> by default,
                <code>application/x-ndjson</code> streamed, and for question 5 also
                <code>application/vnd.tcpdump.pcap</code> or <code>application/x-pcapng</code> (by <code>Accept</code>).</p>
                <p>Live: <code>Accept: text/event-stream</code> subscribes to any question: first <code>event: answer</code>
                (the whole answer), then one <code>event: change</code> per change as indexers commit it, each with an
                <code>id</code>; reconnect with <code>Last-Event-ID</code> (or <code>lastEventId=</code>) to any instance to
                miss nothing. A client that reads too slowly gets <code>event: overflow</code> with the id to resume from;
                idle streams get <code>: heartbeat</code> comments. For scripts, <code>follow=true</code> streams the same
                as NDJSON lines <code>{"id":…,"event":"answer"|"change"|"overflow"|"error"|"heartbeat","data":{…}}</code>
                (<code>curl -N '…?follow=true'</code>).</p>
                <p><a href="/health">/health</a> · <a href="/metrics">/metrics</a></p>
                </body></html>
                """.formatted(rows);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

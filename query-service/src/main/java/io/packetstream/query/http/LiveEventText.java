package io.packetstream.query.http;

import io.packetstream.query.live.LiveEvent;
import io.packetstream.query.render.Renderer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Frames live events for the wire: as server-sent events ({@code event:}, {@code id:}, one {@code data:} line, a
 * blank line; heartbeats as the comment {@code : heartbeat}), or as NDJSON lines
 * {@code {"id":…,"event":…,"data":{…}}} for {@code follow=true}.
 */
final class LiveEventText {

    private LiveEventText() {
    }

    static byte[] sse(LiveEvent event) {
        StringBuilder b = new StringBuilder(256);
        if (event instanceof LiveEvent.Heartbeat h) {
            b.append(": heartbeat\n");
            h.id().ifPresent(id -> b.append("id: ").append(id).append('\n'));
        } else {
            b.append("event: ").append(event.name()).append('\n');
            id(event).ifPresent(id -> b.append("id: ").append(id).append('\n'));
            b.append("data: ").append(data(event).orElseThrow()).append('\n');
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ndjson(LiveEvent event) {
        return Renderer.followLine(event.name(), id(event), data(event));
    }

    private static Optional<String> id(LiveEvent event) {
        if (event instanceof LiveEvent.Answer a) {
            return Optional.of(a.id());
        }
        if (event instanceof LiveEvent.Change c) {
            return Optional.of(c.id());
        }
        if (event instanceof LiveEvent.Heartbeat h) {
            return h.id();
        }
        return Optional.empty(); // overflow and error carry the id to resume from in their data
    }

    private static Optional<String> data(LiveEvent event) {
        if (event instanceof LiveEvent.Answer a) {
            return Optional.of(a.data());
        }
        if (event instanceof LiveEvent.Change c) {
            return Optional.of(c.data());
        }
        if (event instanceof LiveEvent.Overflow o) {
            return Optional.of(Renderer.overflow(o.lastEventId()));
        }
        if (event instanceof LiveEvent.Failed f) {
            return Optional.of(Renderer.liveError(f.message(), f.lastEventId()));
        }
        return Optional.empty();
    }
}

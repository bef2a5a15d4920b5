package io.packetstream.query.live;

import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;

/**
 * A subscription resumed from a position the change stream no longer holds: events after it may be gone.
 */
final class TrimmedCursorException extends PacketstreamException {

    TrimmedCursorException(int shard, Position start, ChangeRetention retention) {
        super("the event id is older than the change stream's retention: shard " + shard + " resumes at entry "
                + start.entry() + ", but its oldest entry is now " + retention.first().map(StreamId::toString)
                .orElse("none") + " (" + retention.removed() + " entries trimmed), so changes may be lost; "
                + "subscribe again without Last-Event-ID for the current answer");
    }
}

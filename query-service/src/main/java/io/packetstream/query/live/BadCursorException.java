package io.packetstream.query.live;

import io.packetstream.core.PacketstreamException;

/**
 * An event id to resume from that cannot be of this deployment (it names another number of shards).
 */
public final class BadCursorException extends PacketstreamException {

    BadCursorException(String message) {
        super(message);
    }
}

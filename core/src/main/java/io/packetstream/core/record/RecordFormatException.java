package io.packetstream.core.record;

import io.packetstream.core.PacketstreamException;

/**
 * A stream entry that is not a packet record this build can read: the indexer dead-letters it.
 */
public class RecordFormatException extends PacketstreamException {

    public RecordFormatException(String message) {
        super(message);
    }
}

package io.packetstream.agent.source;

import io.packetstream.core.PacketstreamException;

/**
 * A source that cannot be read at all: a capture file that is missing, unreadable, empty or not pcap/pcapng, or
 * an interface libpcap cannot open, or a BPF filter it cannot compile. The message is one line naming the file
 * or interface.
 */
public class CaptureSourceException extends PacketstreamException {

    public CaptureSourceException(String message) {
        super(message);
    }

    public CaptureSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

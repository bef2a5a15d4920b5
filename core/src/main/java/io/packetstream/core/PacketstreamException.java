package io.packetstream.core;

/**
 * Root of every unchecked exception packetstream throws, so callers can catch one type.
 */
public class PacketstreamException extends RuntimeException {

    public PacketstreamException(String message) {
        super(message);
    }

    public PacketstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.packetstream.core.decode;

import io.packetstream.core.PacketstreamException;

import java.util.Objects;

/**
 * A frame that cannot be decoded. The {@link Reason} is what metrics count it under.
 */
public class MalformedPacketException extends PacketstreamException {

    /** Why a frame was rejected; also the value of the {@code reason} metric tag. */
    public enum Reason {
        UNKNOWN_LINK_TYPE("unknown_link_type"),
        TRUNCATED("truncated"),
        BAD_HEADER("bad_header");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    public MalformedPacketException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}

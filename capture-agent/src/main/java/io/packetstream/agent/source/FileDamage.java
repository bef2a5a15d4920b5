package io.packetstream.agent.source;

import java.util.Objects;

/**
 * Why a capture file ended before its last byte. Every packet before the damage was delivered.
 *
 * @param kind    truncated (cut short) or corrupt (impossible values)
 * @param offset  byte offset in the file of the record or block that could not be read
 * @param packets packets delivered before it
 * @param message one line for an operator
 */
public record FileDamage(Kind kind, long offset, long packets, String message) {

    /** The two ways a file can be damaged; the lowercase name is the metric tag. */
    public enum Kind {
        /** The last record is cut short: the file was copied or written incompletely. Not an error. */
        TRUNCATED,
        /** A record or block holds impossible lengths or ids: reading stops there. An error. */
        CORRUPT;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FileDamage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}

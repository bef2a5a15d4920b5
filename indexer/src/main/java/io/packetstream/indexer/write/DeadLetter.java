package io.packetstream.indexer.write;

import java.util.Objects;

/**
 * An entry that cannot be indexed: written to the shard's dead-letter stream and acknowledged in the same commit.
 *
 * @param entryId the original entry id
 * @param reason  one of the reason constants, also the {@code reason} tag of the dead-letter meter
 * @param detail  a human explanation
 * @param sensor  the entry's {@code s} field, empty if it had none
 * @param payload the entry's {@code p} field, empty if it had none
 */
public record DeadLetter(String entryId, String reason, String detail, byte[] sensor, byte[] payload) {

    /** The payload is no packet record this build reads (unknown version, cut short, garbage). */
    public static final String UNREADABLE = "unreadable";
    /** The {@code s} or {@code p} field is missing. */
    public static final String MISSING_FIELD = "missing_field";
    /** The sensor id would not make a valid key. */
    public static final String BAD_SENSOR = "bad_sensor";
    /** The entry was trimmed or deleted from the stream before it was indexed. */
    public static final String DELETED = "deleted";

    public DeadLetter {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(payload, "payload");
    }

    /** @return the text of the dead letter's {@code reason} field: the reason and its detail */
    public String reasonText() {
        return detail.isEmpty() ? reason : reason + ": " + detail;
    }
}

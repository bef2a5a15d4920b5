package io.packetstream.indexer.commit;

/**
 * The kinds of change event a commit writes, as the change-events meter names them.
 */
public enum ChangeType {
    CONNECTION_ACTIVE,
    CONNECTION_INACTIVE,
    VOLUME,
    PEER,
    SERVICE,
    OUTSIDE,
    ENTRY;

    /** @return the value of the meter's {@code type} tag, e.g. {@code connection_active} */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

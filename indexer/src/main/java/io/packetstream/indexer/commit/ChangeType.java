package io.packetstream.indexer.commit;

/**
 * The kinds of change event a commit writes; the letter is the
 * event's first field in the change stream, the tag names it on the change-events meter.
 */
public enum ChangeType {
    CONNECTION_ACTIVE('A'),
    CONNECTION_INACTIVE('I'),
    VOLUME('V'),
    PEER('P'),
    SERVICE('S'),
    OUTSIDE('O'),
    ENTRY('E');

    private final char letter;

    ChangeType(char letter) {
        this.letter = letter;
    }

    /** @return the event's letter in the change stream */
    public char letter() {
        return letter;
    }

    /** @return the value of the meter's {@code type} tag, e.g. {@code connection_active} */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.packetstream.query.read;

/**
 * How precise an answer is in time: questions 1 and 5 are exact, the bucketed questions 2, 3, 4 and 6 take a UTC
 * minute in iff it overlaps the range.
 */
public enum Resolution {
    EXACT("exact"), MINUTE("1m");

    private final String text;

    Resolution(String text) {
        this.text = text;
    }

    /** @return the value shown in answers' {@code meta.resolution} */
    public String text() {
        return text;
    }
}

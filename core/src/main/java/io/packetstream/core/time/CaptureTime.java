package io.packetstream.core.time;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Capture times as nanoseconds since the epoch: parsing the two forms the API accepts and printing RFC 3339.
 */
public final class CaptureTime {

    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");

    private CaptureTime() {
    }

    /**
     * Parses RFC 3339 ({@code 2026-11-21T09:38:12.5Z}, any offset) or decimal epoch seconds
     * ({@code 1795253888.611094}), both to the nanosecond.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static long parse(String text) {
        Objects.requireNonNull(text, "text");
        if (EPOCH_SECONDS.matcher(text).matches()) {
            return new BigDecimal(text).movePointRight(9).longValueExact();
        }
        try {
            Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is neither an RFC 3339 time nor decimal epoch seconds");
        }
    }

    /** @return RFC 3339 in UTC with as many fractional digits as needed (0, 3, 6 or 9) */
    public static String format(long nanos) {
        return toInstant(nanos).toString();
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    public static long epochSecond(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_SECOND);
    }

    public static long epochMinute(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_MINUTE);
    }

    /** @return nanoseconds since the start of the second, 0 to 999,999,999 */
    public static int nanoOfSecond(long nanos) {
        return (int) Math.floorMod(nanos, NANOS_PER_SECOND);
    }

    /** @return microseconds since the epoch, exact in a double, which is how Lua scripts compare times */
    public static long micros(long nanos) {
        return Math.floorDiv(nanos, 1000L);
    }
}

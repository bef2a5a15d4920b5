package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.time.CaptureTime;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Writes a capture time as {@link CaptureTime#format} does (RFC 3339 in UTC, 0, 3, 6 or 9 fractional digits),
 * straight into the JSON output: answers of thousands of connections spent more allocating through
 * {@code Instant.toString} than on anything else. Times outside years 1970 to 9999 take the general path.
 */
final class TimeText {

    /** 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;

    private TimeText() {
    }

    static void write(JsonGenerator g, long nanos) throws IOException {
        long second = Math.floorDiv(nanos, CaptureTime.NANOS_PER_SECOND);
        if (nanos < 0 || second >= YEAR_10000) {
            g.writeString(CaptureTime.format(nanos));
            return;
        }
        int nano = (int) (nanos - second * CaptureTime.NANOS_PER_SECOND);
        LocalDate day = LocalDate.ofEpochDay(second / SECONDS_PER_DAY);
        int secondOfDay = (int) (second % SECONDS_PER_DAY);
        char[] text = new char[32];
        text[0] = '"';
        digits(text, 1, day.getYear(), 4);
        text[5] = '-';
        digits(text, 6, day.getMonthValue(), 2);
        text[8] = '-';
        digits(text, 9, day.getDayOfMonth(), 2);
        text[11] = 'T';
        digits(text, 12, secondOfDay / 3600, 2);
        text[14] = ':';
        digits(text, 15, secondOfDay / 60 % 60, 2);
        text[17] = ':';
        digits(text, 18, secondOfDay % 60, 2);
        int n = 20;
        if (nano != 0) {
            text[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(text, n, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                n = digits(text, n, nano / 1000, 6);
            } else {
                n = digits(text, n, nano, 9);
            }
        }
        text[n++] = 'Z';
        text[n++] = '"';
        g.writeRawValue(text, 0, n);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits; returns the position after them. */
    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}

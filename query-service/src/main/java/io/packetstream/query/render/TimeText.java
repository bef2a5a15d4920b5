package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.time.CaptureTime;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Writes a capture time as {@link CaptureTime#format} does (RFC 3339 in UTC, 0, 3, 6 or 9 fractional digits),
 * straight into the JSON output: answers of thousands of connections spent more allocating through
 * {@code Instant.toString} than on anything else. Times outside years 1970 to 9999 take the general path. Writes
 * UTF-8 bytes, so it needs a generator writing bytes (as every one the renderer makes does).
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
        // bytes, not chars: Jackson copies them as they are instead of encoding every char
        byte[] text = new byte[30];
        digits(text, 0, day.getYear(), 4);
        text[4] = '-';
        digits(text, 5, day.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, day.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int n = 19;
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
        g.writeRawUTF8String(text, 0, n); // digits and separators need no escaping; Jackson adds the quotes
    }

    /** Writes {@code value} as exactly {@code width} decimal digits; returns the position after them. */
    private static int digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}

package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Times in answers read exactly as {@link CaptureTime#format} writes them, whatever the fractional digits.
 */
class TimeTextTest {

    private static String written(long nanos) throws IOException {
        // as the renderer writes: UTF-8 bytes, which TimeText writes into directly
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            TimeText.write(g, nanos);
            g.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void sameAsCaptureTime(long nanos) throws IOException {
        assertEquals("[\"" + CaptureTime.format(nanos) + "\"]", written(nanos), "at " + nanos);
    }

    @Test
    void fractionsOfZeroThreeSixAndNineDigits() throws IOException {
        long second = CaptureTime.parse("2026-11-21T09:38:12Z");
        assertEquals("[\"2026-11-21T09:38:12Z\"]", written(second));
        assertEquals("[\"2026-11-21T09:38:12.500Z\"]", written(second + 500_000_000));
        assertEquals("[\"2026-11-21T09:38:12.000500Z\"]", written(second + 500_000));
        assertEquals("[\"2026-11-21T09:38:12.000000005Z\"]", written(second + 5));
    }

    @Test
    void agreesWithCaptureTimeOverCalendarEdgesAndRandomTimes() throws IOException {
        for (String edge : new String[]{"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999999999Z",
                "2024-12-31T23:59:59Z", "2100-03-01T00:00:00.001Z", "2262-04-11T23:47:16.854Z"}) {
            sameAsCaptureTime(CaptureTime.parse(edge));
        }
        sameAsCaptureTime(-1);
        sameAsCaptureTime(Long.MAX_VALUE);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long nanos = random.nextLong() & Long.MAX_VALUE;
            switch (i % 4) {
                case 0 -> nanos -= nanos % 1_000_000;
                case 1 -> nanos -= nanos % 1000;
                case 2 -> nanos -= nanos % CaptureTime.NANOS_PER_SECOND;
                default -> { }
            }
            sameAsCaptureTime(nanos);
        }
    }
}

package io.packetstream.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaptureTimeTest {

    @Test
    void parsesRfc3339ToTheNanosecond() {
        assertEquals(1_795_253_892_500_000_000L, CaptureTime.parse("2026-11-21T09:38:12.5Z"));
        assertEquals(1_795_253_892_123_456_789L, CaptureTime.parse("2026-11-21T09:38:12.123456789Z"));
        assertEquals(1_795_253_892_000_000_000L, CaptureTime.parse("2026-11-21T10:38:12+01:00"));
    }

    @Test
    void parsesDecimalEpochSecondsExactly() {
        assertEquals(1_795_253_888_611_094_000L, CaptureTime.parse("1795253888.611094"));
        assertEquals(1_795_253_888_000_000_000L, CaptureTime.parse("1795253888"));
        assertEquals(1_795_253_888_000_000_001L, CaptureTime.parse("1795253888.000000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-11-21", "2026-11-21T09:38:12", "1795253888.1234567891", "1e9",
            "2026-13-01T00:00:00Z", "0x10"})
    void rejectsOtherText(String text) {
        assertThrows(IllegalArgumentException.class, () -> CaptureTime.parse(text));
    }

    @Test
    void formatsRoundTrip() {
        long t = CaptureTime.parse("2026-11-21T09:38:12.123456Z");
        assertEquals("2026-11-21T09:38:12.123456Z", CaptureTime.format(t));
        assertEquals(t, CaptureTime.parse(CaptureTime.format(t)));
    }

    @Test
    void bucketsTimesBeforeTheEpochDownwards() {
        assertEquals(-1, CaptureTime.epochSecond(-1));
        assertEquals(999_999_999, CaptureTime.nanoOfSecond(-1));
        assertEquals(-1, CaptureTime.epochMinute(-1));
    }

    @Test
    void rangeRejectsFromAfterTo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeRange(2, 1));
        assertEquals("from (1970-01-01T00:00:00.000000002Z) is after to (1970-01-01T00:00:00.000000001Z)", e.getMessage());
    }
}

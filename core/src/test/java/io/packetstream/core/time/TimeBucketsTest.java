package io.packetstream.core.time;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeBucketsTest {

    @Test
    void wholeHoursComeFromHourBucketsAndRaggedEndsFromMinutes() {
        // minutes 100..250 span hour 1 (60..119) partly, hours 2 and 3 wholly, hour 4 (240..299) partly
        List<TimeBucket> cover = TimeBuckets.cover(100, 250, List.of(1L, 2L, 3L, 4L, 9L));
        assertEquals(20 + 2 + 11, cover.size());
        assertEquals(TimeBucket.minute(100), cover.get(0));
        assertEquals(TimeBucket.minute(119), cover.get(19));
        assertEquals(TimeBucket.hour(2), cover.get(20));
        assertEquals(TimeBucket.hour(3), cover.get(21));
        assertEquals(TimeBucket.minute(240), cover.get(22));
        assertEquals(TimeBucket.minute(250), cover.get(32));
    }

    @Test
    void hoursWithoutDataAreSkipped() {
        assertEquals(List.of(TimeBucket.hour(3)), TimeBuckets.cover(0, 1000, List.of(3L)));
        assertEquals(List.of(), TimeBuckets.cover(0, 1000, List.of()));
    }

    @Test
    void aRangeInsideOneHourIsMinutesOnly() {
        assertEquals(List.of(TimeBucket.minute(61), TimeBucket.minute(62)), TimeBuckets.cover(61, 62, List.of(1L)));
    }
}

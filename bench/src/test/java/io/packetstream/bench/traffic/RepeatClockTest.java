package io.packetstream.bench.traffic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatClockTest {

    private static final long S = 1_000_000_000L;
    /** A burst, a pause, a burst: 5 packets over 10 s. */
    private static final long[] RECORDED = {100 * S, 100 * S + 200_000, 100 * S + 400_000, 110 * S, 110 * S + 300_000};

    @Test
    void timeOnlyMovesForwardAcrossRepetitions() {
        RepeatClock clock = new RepeatClock(RECORDED, 20_000, RECORDED[0]);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 1_000; i++) {
            long t = clock.next();
            assertTrue(t > previous, "packet " + i + " at " + t + " after " + previous);
            assertEquals(0, t % RepeatClock.MICRO, "whole microseconds");
            previous = t;
        }
    }

    @Test
    void averageRateIsTheOneAskedFor() {
        RepeatClock clock = new RepeatClock(RECORDED, 1_000, RECORDED[0]);
        long first = clock.next();
        long last = first;
        for (int i = 1; i < 5_000; i++) {
            last = clock.next();
        }
        double rate = 4_999 / ((last - first) / 1e9);
        assertEquals(1_000, rate, 10);
    }

    @Test
    void rateZeroKeepsTheRecordedGapsAndStartsAtTheRecordedTime() {
        RepeatClock clock = new RepeatClock(RECORDED, 0, RECORDED[0]);
        for (long recorded : RECORDED) {
            assertEquals(recorded, clock.next());
        }
        long meanGap = (RECORDED[4] - RECORDED[0]) / 4;
        assertEquals(RECORDED[4] + meanGap, clock.next(), "the next repetition follows after one mean gap");
        assertEquals(RECORDED[4] + meanGap + 200_000, clock.next());
    }

    @Test
    void burstsKeepTheirShapeWhenScaled() {
        RepeatClock clock = new RepeatClock(RECORDED, 40, RECORDED[0]);
        long a = clock.next();
        long b = clock.next();
        clock.next();
        long d = clock.next();
        assertTrue(d - b > 100 * (b - a), "the pause stays much longer than a gap inside the burst");
    }

    @Test
    void oneRecordedPacketIsNotEnough() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatClock(new long[]{S}, 10, S));
    }
}

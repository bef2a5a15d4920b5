package io.packetstream.agent.pace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    private static final long S = 1_000_000_000L;
    private static final long CAPTURE = 1_795_253_888L * S;

    @Test
    void unpacedNeverWaits() {
        Pacer pacer = Pacer.of(0);
        assertTrue(pacer.unpaced());
        assertEquals(0, pacer.delayNanos(CAPTURE, 0));
        assertEquals(0, pacer.delayNanos(CAPTURE + 3600 * S, 1));
    }

    @Test
    void packetsAreDueAtTheirRecordedOffsetDividedBySpeed() {
        Pacer pacer = Pacer.of(2.0);
        long clock = 500;
        assertEquals(0, pacer.delayNanos(CAPTURE, clock), "the first packet is due at once");
        assertEquals(S / 2, pacer.delayNanos(CAPTURE + S, clock));
        assertEquals(S / 4, pacer.delayNanos(CAPTURE + S, clock + S / 4));
        assertEquals(0, pacer.delayNanos(CAPTURE + S, clock + S), "late packets go at once");
        assertEquals(0, pacer.delayNanos(CAPTURE - S, clock + S), "time going backwards does not wait");
        Pacer recorded = Pacer.of(1.0);
        recorded.delayNanos(CAPTURE, 0);
        assertEquals(3 * S, recorded.delayNanos(CAPTURE + 3 * S, 0));
    }

    @Test
    void fallingFarBehindRestartsTheScheduleInsteadOfBursting() {
        Pacer pacer = Pacer.of(1.0);
        pacer.delayNanos(CAPTURE, 0);
        assertEquals(0, pacer.delayNanos(CAPTURE + S, 10 * S), "9 s late: restart from this packet");
        assertEquals(S / 10, pacer.delayNanos(CAPTURE + S + S / 10, 10 * S), "the next gap keeps its length");
    }

    @Test
    void resetStartsANewScheduleForTheNextFile() {
        Pacer pacer = Pacer.of(1.0);
        pacer.delayNanos(CAPTURE, 0);
        pacer.reset();
        assertEquals(0, pacer.delayNanos(CAPTURE + 3600 * S, 5));
        assertEquals(S, pacer.delayNanos(CAPTURE + 3601 * S, 5));
    }

    @Test
    void rejectsNegativeAndInfiniteSpeeds() {
        assertThrows(IllegalArgumentException.class, () -> Pacer.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Pacer.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Pacer.of(Double.POSITIVE_INFINITY));
    }
}

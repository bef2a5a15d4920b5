package io.packetstream.query.read;

import io.packetstream.core.index.ActiveWindow;
import io.packetstream.core.time.CaptureTime;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The window (t − 1 s, t] from the two per-second windows A = floor(t − 1 s) and B = A + 1.
 */
class ActiveWindowsTest {

    private static final long SECOND_B = 1_795_253_892L; // 2026-11-21T09:38:12Z
    private static final long B = SECOND_B * CaptureTime.NANOS_PER_SECOND;
    private static final long A = B - CaptureTime.NANOS_PER_SECOND;
    private static final long T = B + 300_000_000; // 09:38:12.3

    private static ActiveWindow window(int first, int last) {
        return new ActiveWindow(first, last);
    }

    @Test
    void readsTheSecondBeforeAndTheSecondOfT() {
        assertEquals(SECOND_B - 1, ActiveWindows.secondA(T));
        assertEquals(SECOND_B - 1, ActiveWindows.secondA(B)); // t on a whole second: A is the second before
    }

    @Test
    void aPacketExactlyAtTCounts() {
        assertEquals(OptionalLong.of(T), ActiveWindows.lastSeen(T, null, window(300_000_000, 300_000_000)));
    }

    @Test
    void aPacketExactlyOneSecondBeforeTDoesNot() {
        assertEquals(OptionalLong.empty(), ActiveWindows.lastSeen(T, window(300_000_000, 300_000_000), null));
    }

    @Test
    void aPacketOneNanosecondInsideTheWindowCounts() {
        assertEquals(OptionalLong.of(A + 300_000_001), ActiveWindows.lastSeen(T, window(0, 300_000_001), null));
    }

    @Test
    void aPacketAfterTDoesNot() {
        assertEquals(OptionalLong.empty(), ActiveWindows.lastSeen(T, null, window(300_000_001, 900_000_000)));
    }

    @Test
    void lastSeenIsExactWhenAllOfBIsBeforeT() {
        assertEquals(OptionalLong.of(B + 250_000_000),
                ActiveWindows.lastSeen(T, window(500_000_000, 900_000_000), window(100_000_000, 250_000_000)));
    }

    @Test
    void lastSeenIsTheFirstPacketOfBWhenBReachesPastT() {
        // packets in B at .1 and .8: the latest ≤ t is unknown, .1 is a lower bound
        assertEquals(OptionalLong.of(B + 100_000_000),
                ActiveWindows.lastSeen(T, window(0, 999_999_999), window(100_000_000, 800_000_000)));
    }

    @Test
    void lastSeenFallsBackToAWhenBStartsAfterT() {
        assertEquals(OptionalLong.of(A + 700_000_000),
                ActiveWindows.lastSeen(T, window(100_000_000, 700_000_000), window(400_000_000, 500_000_000)));
    }

    @Test
    void tOnAWholeSecondTakesOnlyItsFirstNanosecondFromB() {
        assertEquals(OptionalLong.of(B), ActiveWindows.lastSeen(B, null, window(0, 5)));
        assertEquals(OptionalLong.empty(), ActiveWindows.lastSeen(B, null, window(1, 5)));
        assertEquals(OptionalLong.of(A + 1), ActiveWindows.lastSeen(B, window(0, 1), null));
        assertEquals(OptionalLong.empty(), ActiveWindows.lastSeen(B, window(0, 0), null));
    }
}

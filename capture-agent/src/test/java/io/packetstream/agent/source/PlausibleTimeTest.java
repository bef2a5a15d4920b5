package io.packetstream.agent.source;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlausibleTimeTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;
    private static final long NOW = Instant.parse("2026-12-03T10:00:00Z").getEpochSecond() * SECOND;
    private static final long Y1990 = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond() * SECOND;

    @Test
    void aFileMayBeOldButNotBefore1990NorMoreThanADayAhead() {
        PlausibleTime files = PlausibleTime.forFiles(() -> NOW);
        assertTrue(files.accepts(Y1990));
        assertTrue(files.accepts(NOW - 3000 * DAY));
        assertTrue(files.accepts(NOW + DAY));
        assertFalse(files.accepts(Y1990 - 1));
        assertFalse(files.accepts(0), "1970: what an absurd resolution gives");
        assertFalse(files.accepts(-SECOND));
        assertFalse(files.accepts(NOW + DAY + 1));
        assertFalse(files.accepts(Instant.parse("2106-02-07T06:28:15Z").getEpochSecond() * SECOND));
    }

    @Test
    void aLivePacketMustBeWithinADayOfTheWallClock() {
        PlausibleTime live = PlausibleTime.forLive(() -> NOW);
        assertTrue(live.accepts(NOW - DAY));
        assertTrue(live.accepts(NOW + DAY));
        assertFalse(live.accepts(NOW - DAY - 1));
        assertFalse(live.accepts(NOW + DAY + 1));
        assertFalse(live.accepts(Y1990));
    }

    @Test
    void theWallClockIsReadAgainOnRefresh() {
        AtomicLong clock = new AtomicLong(NOW);
        PlausibleTime files = PlausibleTime.forFiles(clock::get);
        assertFalse(files.accepts(NOW + 2 * DAY));
        clock.set(NOW + DAY);
        assertFalse(files.accepts(NOW + 2 * DAY), "the clock is read on refresh only");
        files.refresh();
        assertTrue(files.accepts(NOW + 2 * DAY));
    }
}

package io.packetstream.indexer.commit;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeEventsTest {

    private static final IpAddress LOW = IpAddress.parse("10.0.0.1");
    private static final long MINUTE = 29_920_898;

    private final VolumeEvents events = new VolumeEvents();

    @Test
    void aPairsMinuteSpeaksAtMostOncePerIntervalWithItsNewestTotals() {
        assertNotNull(update(1, 10, 1_000));
        assertNull(update(1, 20, 1_100));
        assertNull(update(1, 30, 1_500));
        assertTrue(events.holding());
        assertEquals(List.of(), events.due(1_999, false));

        assertEquals(List.of(totals(1, 30)), events.due(2_000, false));
        assertFalse(events.holding());
        assertEquals(List.of(), events.due(5_000, false));
        assertNotNull(update(1, 40, 5_000), "a minute forgotten after a quiet interval speaks at once");
    }

    @Test
    void anIdleShardSendsEverythingHeldAtOnce() {
        update(1, 10, 1_000);
        update(1, 20, 1_200);
        update(2, 5, 1_300);
        update(2, 6, 1_400);
        assertEquals(List.of(totals(1, 20), totals(2, 6)), events.due(1_500, true));
        assertFalse(events.holding());
        assertNull(update(1, 30, 1_600), "sent at 1,500: the next update waits an interval from there");
    }

    @Test
    void onlyThePairsQuietForAnIntervalGoOutAndTheyGoOutInTheOrderTheyLastSpoke() {
        for (int host = 1; host <= 100; host++) {
            update(host, 1, 1_000 + host); // host k last spoke at 1,000 + k
            update(host, 2, 1_500 + host); // held
        }
        List<ChangeEvent> due = events.due(2_050, false);
        assertEquals(50, due.size(), "hosts 1..50 spoke at least an interval before 2,050");
        assertEquals(totals(1, 2), due.get(0));
        assertEquals(totals(50, 2), due.get(49));
        assertTrue(events.holding());

        assertNull(update(1, 3, 2_100), "host 1 spoke again at 2,050");
        List<ChangeEvent> rest = events.due(3_050, false);
        assertEquals(51, rest.size(), "hosts 51..100, then host 1 sent at 2,050");
        assertEquals(totals(51, 2), rest.get(0));
        assertEquals(totals(1, 3), rest.get(50));
        assertFalse(events.holding());
    }

    private ChangeEvent.VolumeTotals update(int host, long packets, long nowMillis) {
        return events.update("s", LOW, high(host), MINUTE, packets, packets * 100, nowMillis);
    }

    private static ChangeEvent totals(int host, long packets) {
        return new ChangeEvent.VolumeTotals("s", LOW, high(host), MINUTE, packets, packets * 100);
    }

    private static IpAddress high(int host) {
        return IpAddress.parse("192.168.0." + host);
    }
}

package io.packetstream.indexer.commit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TtlRefreshesTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(7 * SECOND);

    @Test
    void aKeyIsDueUntilACommitSetItsTtlThenAgainAfterATenthOfTheRetention() {
        TtlRefreshes ttls = new TtlRefreshes(Duration.ofSeconds(1000), 10, clock::get);
        long sent = ttls.now();
        assertTrue(ttls.due("k", sent));

        ttls.refreshed(List.of("k"), sent);
        assertFalse(ttls.due("k", sent + 99 * SECOND));
        assertTrue(ttls.due("k", sent + 100 * SECOND), "refreshed after retention / 10");
        assertTrue(ttls.due("other", sent), "only the keys the commit set");
    }

    @Test
    void pastItsBoundItForgetsDueKeysFirstThenEverything() {
        TtlRefreshes ttls = new TtlRefreshes(Duration.ofSeconds(1000), 2, clock::get);
        ttls.refreshed(List.of("old"), clock.get());
        clock.addAndGet(100 * SECOND);
        ttls.refreshed(List.of("a", "b"), clock.get());
        assertEquals(2, ttls.size(), "the due key was dropped");
        assertFalse(ttls.due("a", clock.get()));

        ttls.refreshed(List.of("c"), clock.get());
        assertEquals(0, ttls.size(), "nothing due to drop: all forgotten, so every key is refreshed again");
        assertTrue(ttls.due("a", clock.get()));
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TtlRefreshes(Duration.ofDays(1), 0, clock::get));
    }
}

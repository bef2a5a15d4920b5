package io.packetstream.agent.publish;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketBudgetTest {

    @Test
    void holdsAtMostThePacketAndByteLimits() {
        PacketBudget budget = new PacketBudget(3, 1000);
        assertTrue(budget.tryAcquire(400));
        assertTrue(budget.tryAcquire(400));
        assertFalse(budget.tryAcquire(300), "bytes would pass 1000");
        assertTrue(budget.tryAcquire(200));
        assertFalse(budget.tryAcquire(0), "packets would pass 3");
        assertEquals(3, budget.packets());
        assertEquals(1000, budget.bytes());
        budget.release(2, 800);
        assertTrue(budget.tryAcquire(500));
        assertEquals(2, budget.packets());
    }

    @Test
    void waitingProducerWakesWhenAnotherThreadReleases() throws Exception {
        PacketBudget budget = new PacketBudget(1, 1000);
        assertTrue(budget.tryAcquire(10));
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            sleep(100);
            budget.release(1, 10);
        });
        long start = System.nanoTime();
        budget.awaitRoom(10, 10, TimeUnit.SECONDS);
        long waited = System.nanoTime() - start;
        assertTrue(budget.tryAcquire(10));
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "woke by the release, not the timeout");
        release.get(5, TimeUnit.SECONDS);
        budget.release(1, 10);
        budget.awaitEmpty(10, TimeUnit.SECONDS);
        assertEquals(0, budget.packets());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

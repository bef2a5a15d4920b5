package io.packetstream.bench.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaleOutTest {

    // 3 masters, 6 µs of Redis a packet in all, the busiest 2.4 µs of it; indexers 10 µs, agents 4 µs
    private final ScaleOut measured = new ScaleOut(6, 2.4, 3, 10, 4, 0.7);

    @Test
    void aMasterTakesItsBudgetOverTheRedisCostOfAPacket() {
        assertEquals(0.7e6 / 6, measured.perNodeRate(), 1e-6);
        assertEquals(0.7e6 / 2.4, measured.clusterRate(), 1e-6);
    }

    @Test
    void imbalanceIsTheBusiestMasterOverAnEvenShare() {
        assertEquals(1.2, measured.imbalance(), 1e-9);
        assertEquals(1, new ScaleOut(6, 1.5, 3, 10, 4, 0.7).imbalance(), 1e-9, "never below an even spread");
    }

    @Test
    void nodesForARateAllowForTheMeasuredImbalance() {
        // 1M packets/s × 6 µs = 6 cores of Redis; × 1.2 imbalance ÷ 0.7 budget = 10.3 → 11 masters
        assertEquals(11, measured.nodesFor(1_000_000));
        assertEquals(1, measured.nodesFor(1));
    }

    @Test
    void indexersForARateAreItsIndexerCoresAtTheBudget() {
        assertEquals(70_000, measured.indexerRate(), 1e-6);
        assertEquals(15, measured.indexersFor(1_000_000)); // 14.3 → 15
        assertEquals(250_000, measured.agentRate(), 1e-6);
    }

    @Test
    void shardsGiveEveryIndexerOneAndEveryMasterTheSameNumber() {
        // 11 masters, 15 indexers: 2 shards per master
        assertEquals(22, measured.shardsFor(1_000_000));
        // a small rate: one master, one indexer, one shard
        assertEquals(1, measured.shardsFor(1_000));
        // Redis-heavy: more masters than indexers, so at least one shard per master
        ScaleOut redisBound = new ScaleOut(60, 20, 3, 1, 1, 0.7);
        assertEquals(redisBound.nodesFor(1_000_000), redisBound.shardsFor(1_000_000));
    }

    @Test
    void refusesFiguresThatPredictNothing() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleOut(0, 1, 3, 1, 1, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new ScaleOut(1, 1, 0, 1, 1, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new ScaleOut(1, 1, 3, Double.NaN, 1, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new ScaleOut(1, 1, 3, 1, 1, 1.5));
    }
}

package io.packetstream.bench.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.packetstream.bench.cluster.Results.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {

    private static final Configuration ONE = Configuration.STANDARD.get(0);
    private static final Configuration THREE = Configuration.STANDARD.get(1);

    @Test
    void aFullMachineIsTheBoundWhateverRedisDid() {
        assertEquals(Limits.Bound.CORES, Limits.bound(result(ONE, 10, 12, 0.97, 9.5, 0.1, 0.1), 2));
    }

    @Test
    void aMasterNearAWholeCoreIsTheBoundWhenTheMachineHadRoom() {
        assertEquals(Limits.Bound.REDIS_MASTER, Limits.bound(result(ONE, 10, 4, 0.7, 9, 0.1, 0.1), 2));
    }

    @Test
    void neitherFullMeansThePipelineWaited() {
        assertEquals(Limits.Bound.WAITING, Limits.bound(result(THREE, 10, 4, 0.4, 2, 2, 2), 2));
    }

    @Test
    void withoutProcStatTheCoresUsedHereDecide() {
        assertEquals(Limits.Bound.CORES, Limits.bound(result(ONE, 10, 16, Double.NaN, 1, 1, 1), 2));
        assertEquals(Limits.Bound.WAITING, Limits.bound(result(ONE, 10, 4, Double.NaN, 1, 1, 1), 2));
    }

    @Test
    void theCeilingIsTheCoresOverTheCpuOfAPacket() {
        // agent 2 + indexers 8 + masters 3 × 1 s per 1M packets = 13 µs a packet
        ConfigResult r = result(THREE, 10, 4, 0.5, 1, 1, 1);
        assertEquals(13, Limits.demandMicros(r), 1e-9);
        assertEquals(2e6 / 13, Limits.ceiling(r, 2), 1e-6);
        assertEquals((4 + 3) / 10.0, Limits.usedCores(r), 1e-9);
    }

    @Test
    void explainsEveryConfigurationAndEveryStepWithItsNumbers() {
        List<String> lines = Limits.explain(List.of(result(ONE, 20, 30, 0.98, 5, 0.1, 0.1),
                result(THREE, 10, 15, 0.98, 2, 2, 2)), 2);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("bound by the machine's cores"), lines.get(0));
        assertTrue(lines.get(0).contains("50,000 packets/s"), lines.get(0));
        assertTrue(lines.get(2).contains("end to end ×2.00"), lines.get(2));
        assertTrue(lines.get(2).contains("yet it gained"), lines.get(2));
    }
}

package io.packetstream.bench.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuReadingTest {

    @Test
    void procStatBusyTicksLeaveOutIdleAndIowait() {
        String stat = """
                cpu  100 5 50 800 20 3 2 1 7 0
                cpu0 50 2 25 400 10 1 1 0 3 0
                intr 12345
                """;
        // busy: user 100 + nice 5 + system 50 + irq 3 + softirq 2 + steal 1; guest (7) is inside user already
        assertArrayEquals(new double[]{161, 981}, CpuReading.parseProcStat(stat), 1e-9);
    }

    @Test
    void aTextWithoutTheCpuLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuReading.parseProcStat("intr 1 2 3\n"));
    }

    @Test
    void theDifferenceOfTwoReadingsGivesTheBusyShare() {
        CpuReading used = new CpuReading(5, 300, 1000).minus(new CpuReading(2, 100, 600));
        assertEquals(3, used.jvmSeconds(), 1e-9);
        assertEquals(0.5, used.machineBusyShare(), 1e-9);
        assertEquals(Double.NaN, new CpuReading(1, Double.NaN, Double.NaN).machineBusyShare());
    }
}

package io.packetstream.bench.jvm;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits out the JIT compiler after a warm-up. On two cores its queue of methods the warm-up made hot otherwise
 * drains during the measurement, taking half a core from it (seen with {@code top -H}: the C2 thread at 0.46 of a
 * core for the first 16 s of a paced replay), which a long-running deployment pays once.
 */
public final class JitCompiler {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private JitCompiler() {
    }

    /**
     * Waits (up to a minute) until the compiler spends under a tenth of a second per second.
     *
     * @return milliseconds waited
     */
    public static long awaitQuiet() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() - start < LIMIT.toNanos()) {
            Thread.sleep(1000);
            long now = jit.getTotalCompilationTime();
            if (now - before < 100) {
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

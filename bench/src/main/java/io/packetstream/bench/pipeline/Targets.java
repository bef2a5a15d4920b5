package io.packetstream.bench.pipeline;

/**
 * The targets, which depend on the capture: small-frame LAN traffic (a real capture, e.g. the one
 * {@code bench lan-capture} builds) costs more per byte than the generated mix of downloads.
 *
 * @param capture          what the targets are for, for the report
 * @param indexMicros      Redis time per packet indexed, at most
 * @param memoryRatio      index keys plus change streams over captured bytes, at most
 * @param xaddRatio        end-to-end packets/s over redis-benchmark's XADD/s, at least (0: no target)
 * @param tsharkRatio      end-to-end packets/s over tshark's, at least (0: no target)
 */
record Targets(String capture, double indexMicros, double memoryRatio, double xaddRatio, double tsharkRatio) {

    static final Targets SYNTHETIC = new Targets("the synthetic capture", 2.0, 0.025, 0.5, 0);
    static final Targets REAL = new Targets("the LAN capture", 1.0, 0.05, 0, 2.0);

    static Targets of(BenchCapture capture) {
        return capture.synthetic() ? SYNTHETIC : REAL;
    }

    /** @return e.g. {@code (target ≥ 0.5) met}, or {@code (no target for …)} */
    static String atLeast(double value, double target, String capture) {
        return target <= 0 ? "(no target on " + capture + ")"
                : String.format("(target ≥ %s) %s", trim(target), value >= target ? "met" : "MISSED");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format("%.0f", v) : String.valueOf(v);
    }
}

package io.packetstream.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used so far by this JVM (the agent and indexers run in it) and by the whole machine; the difference of two
 * readings ({@link #minus}) is what a part of the run used. The machine's figure comes from {@code /proc/stat} and is
 * {@code NaN} where there is none: it shows whether the cores were full, whoever filled them (Redis nodes, this JVM,
 * or another process on a shared machine).
 *
 * @param jvmSeconds   CPU seconds of this process, all threads
 * @param machineBusy  clock ticks the machine's cores spent busy (user, nice, system, irq, softirq, steal)
 * @param machineTotal clock ticks of the machine's cores in all, idle and waiting included
 */
public record CpuReading(double jvmSeconds, double machineBusy, double machineTotal) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** @return the reading now */
    public static CpuReading now() {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
        try {
            double[] machine = parseProcStat(Files.readString(PROC_STAT));
            return new CpuReading(jvm, machine[0], machine[1]);
        } catch (IOException | IllegalArgumentException e) {
            return new CpuReading(jvm, Double.NaN, Double.NaN);
        }
    }

    /**
     * @param text the contents of {@code /proc/stat}
     * @return busy and total ticks of all cores, from the first line ({@code cpu  user nice system idle iowait irq
     * softirq steal …})
     * @throws IllegalArgumentException when the text has no such line
     */
    static double[] parseProcStat(String text) {
        String first = text.lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 8 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("no 'cpu' line in /proc/stat: " + first);
        }
        double busy = 0;
        double total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // guest time is already inside user time
            double ticks = Double.parseDouble(f[i]);
            total += ticks;
            if (i != 4 && i != 5) { // idle, iowait
                busy += ticks;
            }
        }
        return new double[]{busy, total};
    }

    /** @return what was used since {@code earlier} */
    public CpuReading minus(CpuReading earlier) {
        return new CpuReading(jvmSeconds - earlier.jvmSeconds, machineBusy - earlier.machineBusy,
                machineTotal - earlier.machineTotal);
    }

    /** @return the share of the machine's cores that were busy, 0 to 1; NaN when unknown */
    public double machineBusyShare() {
        return machineTotal > 0 ? machineBusy / machineTotal : Double.NaN;
    }

    /** @return {@link #machineBusyShare()} as a percentage, or why it is unknown */
    public String machineBusyText() {
        double share = machineBusyShare();
        return Double.isNaN(share) ? "(unknown: no /proc/stat)" : String.format("%.0f %%", 100 * share);
    }
}

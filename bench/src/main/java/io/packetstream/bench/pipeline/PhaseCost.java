package io.packetstream.bench.pipeline;

import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.bench.redis.SlowLogSummary;

/**
 * What one part of the run cost Redis: the difference of two readings taken around it, with the calls that ran
 * long meanwhile.
 *
 * @param what    e.g. {@code publish alone}
 * @param packets packets the part handled
 * @param seconds wall-clock time it took
 * @param used    what Redis spent meanwhile
 * @param slow    calls over the SLOWLOG threshold meanwhile
 * @param jvmCpuSeconds CPU time of this JVM meanwhile (all its threads, GC and JIT included), where the program of
 *                the phase runs alone: unlike wall-clock time, not inflated by other work on the machine
 */
public record PhaseCost(String what, long packets, double seconds, RedisUsage used, SlowLogSummary slow,
                        double jvmCpuSeconds) {

    /** @return the program's own CPU (this JVM) per packet, in microseconds */
    public double jvmMicros() {
        return jvmCpuSeconds * 1e6 / packets;
    }

    /** @return Redis CPU (main thread) per packet, in microseconds */
    public double cpuMicros() {
        return used.cpuSeconds() * 1e6 / packets;
    }

    /** @return commandstats of scripts per packet (their inner commands included), in microseconds */
    public double scriptMicros() {
        return (double) used.scriptMicros() / packets;
    }

    /** @return commandstats of all other commands per packet (those scripts ran included), in microseconds */
    public double otherMicros() {
        return (double) used.otherMicros() / packets;
    }

    /** @return commandstats counted at most once per call: a script's inner commands are in both figures */
    public double commandMicrosLow() {
        return Math.max(scriptMicros(), otherMicros());
    }

    /** @return commandstats with script-run commands counted twice: never below the true figure */
    public double commandMicrosHigh() {
        return scriptMicros() + otherMicros();
    }
}

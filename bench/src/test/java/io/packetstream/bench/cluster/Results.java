package io.packetstream.bench.cluster;

import io.packetstream.bench.pipeline.CpuReading;
import io.packetstream.bench.pipeline.PhaseCost;
import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.bench.redis.SlowLogSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds results as a run would, from round figures, for tests of what is computed from them. */
final class Results {

    static final long PACKETS = 1_000_000;

    private Results() {
    }

    /**
     * @param seconds      end-to-end wall time
     * @param jvmCpu       this JVM's CPU seconds in the end-to-end run
     * @param machineBusy  share of the machine's cores busy meanwhile
     * @param masterCpu    each master's CPU seconds in the end-to-end run
     */
    static ConfigResult result(Configuration config, double seconds, double jvmCpu, double machineBusy,
                               double... masterCpu) {
        List<NodeCost> nodes = new ArrayList<>();
        for (int i = 0; i < masterCpu.length; i++) {
            // the agent alone: 2 µs a packet of this JVM's CPU; the indexers alone: 8 µs
            nodes.add(new NodeCost(":" + (7000 + i), phase("together", seconds, masterCpu[i], jvmCpu),
                    phase("publish alone", 1, masterCpu[i] / 2, 2), phase("index alone", 1, masterCpu[i] / 2, 8)));
        }
        CpuReading together = new CpuReading(jvmCpu, machineBusy * 1000, 1000);
        return new ConfigResult(config, PACKETS, PACKETS, seconds / 2, seconds, together, PACKETS, nodes, 0);
    }

    private static PhaseCost phase(String what, double seconds, double redisCpu, double jvmCpu) {
        return new PhaseCost(what, PACKETS, seconds, new RedisUsage(redisCpu, true, Map.of()),
                new SlowLogSummary(1000, 0, false, Map.of(), List.of()), jvmCpu);
    }
}

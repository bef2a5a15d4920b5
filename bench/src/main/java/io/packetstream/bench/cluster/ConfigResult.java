package io.packetstream.bench.cluster;

import io.packetstream.bench.pipeline.CpuReading;
import io.packetstream.bench.pipeline.PhaseCost;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The figures of one configuration.
 *
 * @param config           shards and indexers
 * @param packets          packets in the capture, known from generating it
 * @param indexed          packets the indexers counted as indexed in the end-to-end run
 * @param publishedSeconds from the start of the end-to-end run until the agent had published everything
 * @param endToEndSeconds  from the same start until everything was indexed
 * @param together         CPU of this JVM and of the machine during the end-to-end run
 * @param indexedAlone     packets the indexers counted when indexing alone
 * @param masters          each master's costs, in the cluster's order
 * @param replicaCpu       main-thread CPU seconds of all replicas in the end-to-end run (0 without replicas)
 */
record ConfigResult(Configuration config, long packets, long indexed, double publishedSeconds, double endToEndSeconds,
                    CpuReading together, long indexedAlone, List<NodeCost> masters, double replicaCpu) {

    ConfigResult {
        Objects.requireNonNull(config, "config");
        masters = List.copyOf(masters);
        if (masters.isEmpty() || packets < 1) {
            throw new IllegalArgumentException("a result needs packets and at least one master");
        }
    }

    double endToEndRate() {
        return packets / endToEndSeconds;
    }

    double publishRate() {
        return packets / publishedSeconds;
    }

    /** @return true when the indexers counted every packet of the capture, in both runs */
    boolean allIndexed() {
        return indexed == packets && indexedAlone == packets;
    }

    /** @return main-thread CPU seconds of all masters in the end-to-end run */
    double redisCpuSeconds() {
        return masters.stream().mapToDouble(NodeCost::cpuSeconds).sum();
    }

    /** @return Redis CPU per packet, all masters together, µs */
    double redisMicros() {
        return redisCpuSeconds() * 1e6 / packets;
    }

    /** @return the master that spent the most CPU */
    NodeCost busiest() {
        return masters.stream().max(Comparator.comparingDouble(NodeCost::cpuSeconds)).orElseThrow();
    }

    /** @return the busiest master's CPU per second of the run: 1 is a whole core */
    double busiestCoreShare() {
        return busiest().cpuSeconds() / endToEndSeconds;
    }

    /** @return the agent publishing alone: its wall time and this JVM's CPU are the same in every master's figures */
    PhaseCost publishAlone() {
        return masters.get(0).publish();
    }

    /** @return the indexers indexing alone, likewise */
    PhaseCost indexAlone() {
        return masters.get(0).index();
    }

    /** @return the agent's CPU per packet, from the publish-alone run (this JVM's CPU then), µs */
    double agentMicros() {
        return publishAlone().jvmMicros();
    }

    /** @return the indexers' CPU per packet, from the index-alone run, µs */
    double indexerMicros() {
        return indexAlone().jvmMicros();
    }
}

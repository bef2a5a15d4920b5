package io.packetstream.bench.cluster;

import io.packetstream.bench.pipeline.PhaseCost;

import java.util.Objects;

/**
 * What one master spent in one configuration: while agent and indexers ran together (its CPU and slow calls), and
 * in the two runs that separate publishing from indexing, as {@code bench pipeline} does.
 *
 * @param node     e.g. {@code :40123}
 * @param together agent and indexers at once: the end-to-end run
 * @param publish  the agent publishing the capture alone
 * @param index    the indexers indexing it alone
 */
record NodeCost(String node, PhaseCost together, PhaseCost publish, PhaseCost index) {

    NodeCost {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(together, "together");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(index, "index");
    }

    /** @return main-thread CPU seconds in the end-to-end run */
    double cpuSeconds() {
        return together.used().cpuSeconds();
    }

    /** @return main-thread CPU per packet of the whole capture (not only the packets this node held), µs */
    double cpuMicros() {
        return together.cpuMicros();
    }
}

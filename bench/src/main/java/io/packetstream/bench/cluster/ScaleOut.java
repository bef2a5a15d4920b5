package io.packetstream.bench.cluster;

import java.util.List;

/**
 * A larger deployment predicted from one configuration's per-node figures: how many packets a second one Redis
 * master, one indexer and one agent take, and how many of each a target rate needs. Only arithmetic; the
 * assumptions it rests on are {@link #ASSUMPTIONS}, printed beside it.
 *
 * @param redisMicros   Redis main-thread CPU per packet, all masters together, µs
 * @param busiestMicros the busiest master's share of it, µs per packet of the whole traffic
 * @param nodes         masters the figures were measured on
 * @param indexerMicros indexer CPU per packet, µs
 * @param agentMicros   agent CPU per packet, µs
 * @param budget        the share of a core a Redis master or an indexer is planned to use, e.g. 0.7
 */
record ScaleOut(double redisMicros, double busiestMicros, int nodes, double indexerMicros, double agentMicros,
                double budget) {

    /** deploy/README.md: keep a master under about 70 % of its core; the same headroom lets an indexer catch up. */
    static final double DEFAULT_BUDGET = 0.7;
    /** The rate the prediction is worked out for. */
    static final double DEFAULT_TARGET = 1_000_000;

    static final List<String> ASSUMPTIONS = List.of(
            "each Redis master, indexer and agent has a core of its own (here all of them shared 2)",
            "a packet costs the same CPU as here: the same traffic mix (synthetic: many hosts and flows, the "
                    + "expensive case), batch sizes and settings",
            "masters and indexers are planned at the budget share of a core; the rest is headroom for queries, "
                    + "live subscribers, AOF rewrites and catching up",
            "shards are a multiple of the masters and spread as evenly as measured here (the imbalance factor), "
                    + "at most one indexer writes a shard",
            "the network, the replicas and the agents' capture points are sized apart (replicas mirror their "
                    + "masters one to one)");

    ScaleOut {
        if (!(redisMicros > 0) || !(busiestMicros > 0) || nodes < 1 || !(indexerMicros > 0) || !(agentMicros > 0)) {
            throw new IllegalArgumentException("per-packet figures must be positive and nodes at least 1");
        }
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("budget must be in (0, 1], was " + budget);
        }
    }

    /** @return packets/s one master takes at the budget when it holds its share of the shards */
    double perNodeRate() {
        return budget * 1e6 / redisMicros;
    }

    /** @return how much busier the busiest master was than an even share: 1 when the shards spread evenly */
    double imbalance() {
        return Math.max(1, busiestMicros * nodes / redisMicros);
    }

    /** @return packets/s the measured layout takes before its busiest master reaches the budget */
    double clusterRate() {
        return budget * 1e6 / busiestMicros;
    }

    /** @return masters needed for {@code rate} packets/s */
    int nodesFor(double rate) {
        return (int) Math.ceil(rate * imbalance() / perNodeRate());
    }

    /** @return packets/s one indexer takes at the budget share of its core */
    double indexerRate() {
        return budget * 1e6 / indexerMicros;
    }

    /** @return indexers needed for {@code rate} packets/s */
    int indexersFor(double rate) {
        return (int) Math.ceil(rate / indexerRate());
    }

    /** @return shards for {@code rate}: one per indexer at least, and the same number on every master */
    int shardsFor(double rate) {
        int masters = nodesFor(rate);
        return masters * (int) Math.ceil((double) Math.max(indexersFor(rate), masters) / masters);
    }

    /** @return packets/s one agent publishes with a whole core */
    double agentRate() {
        return 1e6 / agentMicros;
    }
}

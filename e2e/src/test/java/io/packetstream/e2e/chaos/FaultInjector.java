package io.packetstream.e2e.chaos;

import java.util.List;

/**
 * Injects the plan's background faults one after another on a thread of its own, while the captures replay: each
 * fault is applied, then repaired after its outage (the process starts again), so every fault is over when
 * {@link #await()} returns.
 */
final class FaultInjector {

    private final ChaosCluster cluster;
    private final List<FaultPlan.Fault> faults;
    private final ChaosReport report;
    private final Thread thread;
    private volatile RuntimeException failure;
    private int injected;

    FaultInjector(ChaosCluster cluster, List<FaultPlan.Fault> faults, ChaosReport report) {
        this.cluster = cluster;
        this.faults = List.copyOf(faults);
        this.report = report;
        this.thread = new Thread(this::run, "chaos-faults");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return how many faults were injected, once all of them are over */
    int await() throws InterruptedException {
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return injected;
    }

    private void run() {
        try {
            for (FaultPlan.Fault fault : faults) {
                Thread.sleep(fault.after().toMillis());
                report.event("fault " + (injected + 1) + ": " + fault.describe());
                apply(fault);
                injected++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void apply(FaultPlan.Fault fault) throws InterruptedException {
        switch (fault.kind()) {
            case KILL_INDEXER -> {
                cluster.killIndexer(fault.indexer());
                Thread.sleep(fault.outage().toMillis());
                cluster.startIndexer(fault.indexer(), fault.renamed());
            }
            case KILL_REDIS -> {
                cluster.killRedis();
                Thread.sleep(fault.outage().toMillis());
                cluster.startRedis();
                report.event("redis-server answers again");
            }
            case STOP_REDIS -> {
                cluster.stopRedis();
                Thread.sleep(fault.outage().toMillis());
                cluster.startRedis();
                report.event("redis-server answers again");
            }
        }
    }
}

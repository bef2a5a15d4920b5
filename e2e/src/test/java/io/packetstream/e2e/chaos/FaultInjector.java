package io.packetstream.e2e.chaos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Injects the plan's background faults one after another on a thread of its own while the captures replay, until
 * the replay is over and at least a minimum number were injected (at most three times it): each fault is applied, then repaired after its
 * outage (the process starts again or continues), so every fault is over when {@link #finish()} returns.
 */
final class FaultInjector {

    private final ChaosCluster cluster;
    private final FaultPlan plan;
    private final int minimum;
    private final ChaosReport report;
    private final Thread thread;
    private volatile boolean replayed;
    private volatile RuntimeException failure;
    private int injected;
    private final List<String> exitedByThemselves = new CopyOnWriteArrayList<>();

    FaultInjector(ChaosCluster cluster, FaultPlan plan, int minimum, ChaosReport report) {
        this.cluster = cluster;
        this.plan = plan;
        this.minimum = minimum;
        this.report = report;
        this.thread = new Thread(this::run, "chaos-faults");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Says the replay is over, and waits for the faults still due. @return how many were injected */
    int finish() throws InterruptedException {
        replayed = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return injected;
    }

    /** @return indexers found dead (not killed by a fault) when a fault came to kill them */
    List<String> exitedByThemselves() {
        return List.copyOf(exitedByThemselves);
    }

    private void run() {
        try {
            // at most three times the minimum: on a slow machine every outage slows the agents, which would
            // otherwise meet ever more faults
            while ((!replayed || injected < minimum) && injected < 3 * minimum) {
                FaultPlan.Fault fault = plan.nextFault();
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
                if (!cluster.killIndexer(fault.indexer())) {
                    exitedByThemselves.add("indexer " + fault.indexer() + " had exited by itself before fault "
                            + (injected + 1));
                    report.event("FINDING: indexer " + fault.indexer() + " had exited by itself; see its log");
                }
                Thread.sleep(fault.outage().toMillis());
                cluster.startIndexer(fault.indexer(), fault.renamed());
            }
            case PAUSE_INDEXER -> {
                cluster.pauseIndexer(fault.indexer(), true);
                Thread.sleep(fault.outage().toMillis());
                cluster.pauseIndexer(fault.indexer(), false);
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

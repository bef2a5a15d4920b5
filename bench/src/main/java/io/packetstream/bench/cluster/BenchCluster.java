package io.packetstream.bench.cluster;

import io.packetstream.bench.pipeline.PipelineBenchmark;
import io.packetstream.bench.redis.RedisObserver;
import io.packetstream.bench.redis.RedisUsage;
import io.packetstream.bench.redis.SlowLogSummary;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedisCluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's private Redis Cluster: test-support's {@link TestRedisCluster} ({@code redis-server} processes on
 * free loopback ports), set up like {@code deploy/redis/redis.conf} without persistence, with an observer on every
 * node by itself. Closing it stops every node; so does the JVM's shutdown (Ctrl-C) or a failure before that.
 */
final class BenchCluster implements AutoCloseable {

    private static final Duration CHILDREN_AGAIN = Duration.ofMillis(300);

    private final TestRedisCluster cluster;
    private final List<RedisObserver> masters = new ArrayList<>();
    private final List<RedisObserver> replicas = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread onExit;

    private BenchCluster(TestRedisCluster cluster, Thread onExit) {
        this.cluster = cluster;
        this.onExit = onExit;
    }

    /**
     * @param masters  masters sharing the slots evenly
     * @param replicas replicas of each master
     */
    static BenchCluster start(int masters, int replicas, PrintStream out) {
        // registered before the nodes start: Ctrl-C while the cluster forms must not leave them running
        AtomicReference<BenchCluster> started = new AtomicReference<>();
        Thread onExit = new Thread(() -> {
            BenchCluster bench = started.get();
            if (bench != null) {
                bench.stop();
            }
            stopChildServers();
        }, "bench-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(onExit);
        BenchCluster bench;
        try {
            bench = new BenchCluster(TestRedisCluster.start(masters, replicas), onExit);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(onExit);
            throw e;
        }
        started.set(bench);
        try {
            for (RedisProcess node : bench.cluster.masters()) {
                bench.masters.add(RedisObserver.node(node.uri()));
            }
            for (RedisProcess node : bench.cluster.replicas()) {
                bench.replicas.add(RedisObserver.node(node.uri()));
            }
            for (RedisObserver node : bench.all()) {
                node.configure(PipelineBenchmark.REDIS_SETTINGS);
            }
            bench.masters.forEach(m -> m.prioritize(out));
            return bench;
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
    }

    /**
     * Stops the child processes this JVM has left: the JVM is exiting, and the only ones this benchmark leaves
     * running are its {@code redis-server} nodes (not told apart by name: Debian's is a link to redis-check-rdb).
     */
    private static void stopChildServers() {
        ProcessHandle.current().children().forEach(ProcessHandle::destroy);
        try {
            Thread.sleep(CHILDREN_AGAIN.toMillis()); // the main thread may have started one more meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.current().children().forEach(ProcessHandle::destroy);
    }

    /** @return how programs reach it: every node as a seed */
    RedisOptions options() {
        return new RedisOptions(cluster.uris(), Duration.ofSeconds(30));
    }

    /** @return e.g. {@code :40123}, one per master, in the order of {@link #masterUsage()} */
    List<String> masterNames() {
        return cluster.masters().stream().map(n -> ":" + n.port()).toList();
    }

    /** @return for each shard below {@code shards}, the index of the master holding it */
    List<Integer> shardOwners(KeySchema keys, int shards) {
        try (ShardPlacement placement = placement()) {
            return placement.current(keys, shards);
        }
    }

    /** Moves the slots of the shards below {@code shards} so that shard k lives on master k mod masters. */
    void spreadShards(KeySchema keys, int shards) {
        try (ShardPlacement placement = placement()) {
            placement.spread(keys, shards);
        }
    }

    private ShardPlacement placement() {
        return new ShardPlacement(cluster.masters().stream().map(RedisProcess::uri).toList(),
                cluster.replicas().stream().map(RedisProcess::uri).toList());
    }

    /** Empties every master (FLUSHALL; their replicas follow), then {@link #resetStats()}. */
    void empty() {
        masters.forEach(RedisObserver::flushAll);
        resetStats();
    }

    /** Zeroes command statistics (CONFIG RESETSTAT) and starts a new slow log on every node. */
    void resetStats() {
        for (RedisObserver node : all()) {
            node.resetStats();
            node.startSlowLog();
        }
    }

    /** Starts a new slow log on every master. */
    void startSlowLogs() {
        masters.forEach(RedisObserver::startSlowLog);
    }

    List<RedisUsage> masterUsage() {
        return masters.stream().map(RedisObserver::usage).toList();
    }

    List<SlowLogSummary> masterSlowLogs() {
        return masters.stream().map(RedisObserver::slowLog).toList();
    }

    /** @return main-thread CPU seconds of every replica together, so far */
    double replicaCpuSeconds() {
        return replicas.stream().mapToDouble(r -> r.usage().cpuSeconds()).sum();
    }

    private List<RedisObserver> all() {
        List<RedisObserver> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // closed from the hook itself, or while the JVM exits: nothing to remove
        }
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            all().forEach(RedisObserver::close);
            cluster.close();
        }
    }
}

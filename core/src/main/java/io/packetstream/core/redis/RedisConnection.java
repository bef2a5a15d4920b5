package io.packetstream.core.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.PipelinedRedisFuture;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to a single Redis or to a Redis Cluster, with the commands both offer. On a cluster Lettuce
 * sends each command to the master of its first key's slot, so code that keeps each call to one shard's keys (they
 * share a hash tag, see {@code KeySchema}) runs unchanged on either.
 *
 * <p>Obtained from {@link RedisConnections#connect()}. Not for blocking reads shared with other work: each
 * connection is its own socket (on a cluster, its own socket per node), so give a blocking read a connection of
 * its own.
 */
public final class RedisConnection implements AutoCloseable {

    private final StatefulConnection<String, byte[]> stateful;
    private final RedisClusterCommands<String, byte[]> sync;
    private final RedisClusterAsyncCommands<String, byte[]> async;
    private final RedisClusterReactiveCommands<String, byte[]> reactive;
    private final StatefulRedisClusterConnection<String, byte[]> cluster; // null for a single Redis
    private volatile boolean autoFlush = true;

    private RedisConnection(StatefulConnection<String, byte[]> stateful, RedisClusterCommands<String, byte[]> sync,
                            RedisClusterAsyncCommands<String, byte[]> async,
                            RedisClusterReactiveCommands<String, byte[]> reactive,
                            StatefulRedisClusterConnection<String, byte[]> cluster) {
        this.stateful = stateful;
        this.sync = sync;
        this.async = async;
        this.reactive = reactive;
        this.cluster = cluster;
    }

    static RedisConnection of(StatefulRedisConnection<String, byte[]> c) {
        Objects.requireNonNull(c, "connection");
        return new RedisConnection(c, c.sync(), c.async(), c.reactive(), null);
    }

    static RedisConnection of(StatefulRedisClusterConnection<String, byte[]> c) {
        Objects.requireNonNull(c, "connection");
        return new RedisConnection(c, c.sync(), c.async(), c.reactive(), c);
    }

    /** @return blocking commands */
    public RedisClusterCommands<String, byte[]> sync() {
        return sync;
    }

    /** @return asynchronous commands */
    public RedisClusterAsyncCommands<String, byte[]> async() {
        return async;
    }

    /** @return reactive commands */
    public RedisClusterReactiveCommands<String, byte[]> reactive() {
        return reactive;
    }

    /** @return true when this is a connection to a Redis Cluster */
    public boolean isCluster() {
        return cluster != null;
    }

    /** @return the command timeout */
    public Duration timeout() {
        return stateful.getTimeout();
    }

    /**
     * Turns automatic flushing on or off: off, commands queue up locally until {@link #flushCommands()} (a
     * pipeline), and the connection must belong to one caller. On a cluster flushing stays automatic: a command
     * redirected by MOVED or ASK (a failover, a slot migration), or routed to a node whose socket is still being
     * opened, is written after the caller's flush and would wait for the next one or its timeout. Commands are
     * pipelined either way: nothing waits for a reply before sending the next.
     */
    public void setAutoFlushCommands(boolean autoFlush) {
        if (cluster == null) {
            this.autoFlush = autoFlush;
            stateful.setAutoFlushCommands(autoFlush);
        }
    }

    /** Sends every command queued while automatic flushing is off. */
    public void flushCommands() {
        stateful.flushCommands();
    }

    /**
     * Makes sure Redis knows a script, so that EVALSHA finds it: on a cluster every node learns it, replicas too,
     * so that a replica promoted by a failover knows it as well. Waits for the reply; commands queued and not yet
     * flushed are sent first.
     *
     * <p>On a cluster, nodes the cluster marked failed are left out: a crashed master stays in the cluster's node
     * table, failed, until it comes back or an operator forgets it, and Lettuce's own SCRIPT LOAD, sent to every
     * node, would fail as long as it does. A failed node that returns learns the script at the next load after a
     * NOSCRIPT.
     */
    public void loadScript(String text) {
        Objects.requireNonNull(text, "text");
        if (cluster != null) {
            cluster.sync().nodes(RedisConnection::isUp).commands().scriptLoad(text);
            return;
        }
        boolean was = autoFlush;
        if (!was) {
            stateful.flushCommands();
            stateful.setAutoFlushCommands(true);
        }
        try {
            sync.scriptLoad(text);
        } finally {
            if (!was) {
                stateful.setAutoFlushCommands(false);
            }
        }
    }

    /**
     * @return how many replicas the master of the key's slot has, not counting failed ones, as this connection last
     * saw the cluster; 0 on a single Redis (its replicas are not part of what this connection knows)
     */
    public int replicasOf(String key) {
        Objects.requireNonNull(key, "key");
        if (cluster == null) {
            return 0;
        }
        Partitions partitions = cluster.getPartitions();
        RedisClusterNode master = partitions.getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            return 0;
        }
        int replicas = 0;
        for (RedisClusterNode node : partitions) {
            if (master.getNodeId().equals(node.getSlaveOf()) && isUp(node)) {
                replicas++;
            }
        }
        return replicas;
    }

    /** @return false for a node the cluster marked failed, or this node suspects of failing */
    private static boolean isUp(RedisClusterNode node) {
        return !node.is(RedisClusterNode.NodeFlag.FAIL) && !node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL);
    }

    /**
     * WAIT on the socket that carries the key's commands, so that it covers every write sent on it before: on a
     * cluster, the socket to the master of the key's slot (WAIT has no key Lettuce could route it by). Queued like
     * any command while automatic flushing is off.
     *
     * <p>A master that cannot be reached (it crashed, and the cluster has not promoted its replica yet) or a slot
     * no master serves fails the returned future, never the caller: that is an outage to retry like any other.
     *
     * @return how many replicas acknowledged those writes within the timeout
     */
    public RedisFuture<Long> waitForReplicas(String key, int replicas, Duration timeout) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timeout, "timeout");
        if (cluster == null) {
            return async.waitForReplication(replicas, timeout.toMillis());
        }
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            return new PipelinedRedisFuture<>(CompletableFuture.failedFuture(
                    new RedisException("no master serves the slot of " + key)));
        }
        RedisURI uri = master.getUri();
        return new PipelinedRedisFuture<>(cluster.getConnectionAsync(uri.getHost(), uri.getPort())
                .thenCompose(node -> node.async().waitForReplication(replicas, timeout.toMillis())));
    }

    /** @return true while the connection is open (on a cluster: the connection as a whole, not every node's) */
    public boolean isOpen() {
        return stateful.isOpen();
    }

    /** Closes without waiting. */
    public void closeAsync() {
        stateful.closeAsync();
    }

    @Override
    public void close() {
        stateful.close();
    }
}

package io.packetstream.testsupport.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster on loopback for tests: {@code redis-server --cluster-enabled yes} child processes on free
 * ports, joined by hand (CLUSTER ADDSLOTS, MEET, REPLICATE, so no {@code redis-cli} is needed), returned once every
 * node says {@code cluster_state:ok} and every replica is in sync with its master. {@link #close()} stops them all.
 */
public final class TestRedisCluster implements AutoCloseable {

    private static final Duration FORMING = Duration.ofSeconds(30);
    /** Short, so that a failed master is noticed quickly; long enough for a busy 2-core test machine. */
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(3);

    private final List<RedisProcess> masters;
    private final List<RedisProcess> replicas;
    private final RedisClient client = RedisClient.create();

    private TestRedisCluster(List<RedisProcess> masters, List<RedisProcess> replicas) {
        this.masters = masters;
        this.replicas = replicas;
    }

    /**
     * @param masters  how many masters share the 16,384 slots evenly, at least 1
     * @param replicas replicas of each master, 0 or more
     */
    public static TestRedisCluster start(int masters, int replicas) {
        return start(masters, replicas, DEFAULT_NODE_TIMEOUT);
    }

    /**
     * @param nodeTimeout how long a node may not answer before the others count it as failed
     *                    ({@code cluster-node-timeout})
     */
    public static TestRedisCluster start(int masters, int replicas, Duration nodeTimeout) {
        if (masters < 1 || replicas < 0) {
            throw new IllegalArgumentException("masters must be at least 1 and replicas at least 0, were " + masters
                    + " and " + replicas);
        }
        List<RedisProcess> m = new ArrayList<>();
        List<RedisProcess> r = new ArrayList<>();
        TestRedisCluster cluster = new TestRedisCluster(m, r);
        try {
            for (int i = 0; i < masters; i++) {
                m.add(node(nodeTimeout));
            }
            for (int i = 0; i < masters * replicas; i++) {
                r.add(node(nodeTimeout));
            }
            cluster.form(replicas);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static RedisProcess node(Duration nodeTimeout) {
        return RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(), List.of("--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis())));
    }

    private void form(int replicasPerMaster) {
        int slots = 16_384;
        for (int i = 0; i < masters.size(); i++) {
            int from = slots * i / masters.size();
            int to = slots * (i + 1) / masters.size();
            int[] range = IntStream.range(from, to).toArray();
            run(masters.get(i), redis -> redis.clusterAddSlots(range));
        }
        List<RedisProcess> all = nodes();
        for (RedisProcess other : all.subList(1, all.size())) {
            run(all.get(0), redis -> redis.clusterMeet("127.0.0.1", other.port()));
        }
        await("every node knows every other", () -> all.stream().allMatch(n -> call(n,
                redis -> redis.clusterNodes().lines().filter(l -> !l.contains("handshake")).count()) == all.size()));
        for (int i = 0; i < replicas.size(); i++) {
            String masterId = call(masters.get(i / replicasPerMaster), RedisCommands::clusterMyId);
            run(replicas.get(i), redis -> redis.clusterReplicate(masterId));
        }
        await("cluster_state:ok on every node", () -> all.stream()
                .allMatch(n -> call(n, redis -> redis.clusterInfo()).contains("cluster_state:ok")));
        await("every replica in sync", () -> replicas.stream()
                .allMatch(n -> call(n, redis -> redis.info("replication")).contains("master_link_status:up")));
    }

    /** @return the URL of every node, masters first: seeds for a cluster client */
    public List<String> uris() {
        return nodes().stream().map(RedisProcess::uri).toList();
    }

    /** @return the nodes started as masters (after a failover, some may be replicas now) */
    public List<RedisProcess> masters() {
        return List.copyOf(masters);
    }

    /** @return the nodes started as replicas */
    public List<RedisProcess> replicas() {
        return List.copyOf(replicas);
    }

    /**
     * Fails over the master that serves a key: one of its replicas is promoted (CLUSTER FAILOVER, the coordinated
     * kind: the old master stops taking writes, the replica catches up and takes over, the old master becomes its
     * replica), and this waits until the cluster is whole again.
     *
     * @return the node that is the key's master now
     */
    public RedisProcess failover(String key) {
        List<?> range = slotRange(key);
        if (range.size() <= 3) {
            throw new IllegalStateException("the master of slot " + SlotHash.getSlot(key) + " has no replica to fail over to");
        }
        RedisProcess replica = node((Long) ((List<?>) range.get(3)).get(1));
        failover(replica);
        return replica;
    }

    /**
     * @return the node that serves the key's slot as master now, as the cluster says (a killed master stays it
     * until the others have noticed and promoted its replica)
     */
    public RedisProcess masterOf(String key) {
        return node((Long) ((List<?>) slotRange(key).get(2)).get(1));
    }

    /** @return the CLUSTER SLOTS entry that holds the key's slot: from, to, master, replicas… */
    private List<?> slotRange(String key) {
        int slot = SlotHash.getSlot(key);
        RedisProcess asked = nodes().stream().filter(RedisProcess::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster is running"));
        for (Object range : call(asked, RedisCommands::clusterSlots)) {
            List<?> r = (List<?>) range;
            if (((Long) r.get(0)) <= slot && slot <= ((Long) r.get(1))) {
                return r;
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    private RedisProcess node(long port) {
        return nodes().stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster on port " + port));
    }

    private void failover(RedisProcess replica) {
        run(replica, redis -> redis.clusterFailover(false));
        await("the replica on port " + replica.port() + " became a master",
                () -> call(replica, redis -> redis.info("replication")).contains("role:master"));
        await("cluster_state:ok on every node", () -> nodes().stream()
                .allMatch(n -> call(n, redis -> redis.clusterInfo()).contains("cluster_state:ok")));
    }

    @Override
    public void close() {
        client.shutdown();
        nodes().forEach(RedisProcess::stop);
    }

    private List<RedisProcess> nodes() {
        List<RedisProcess> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    private interface Call<T> {
        T on(RedisCommands<String, String> redis);
    }

    private <T> T call(RedisProcess node, Call<T> call) {
        try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create(node.uri()))) {
            return call.on(c.sync());
        }
    }

    private void run(RedisProcess node, Call<?> call) {
        call(node, call);
    }

    private static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(FORMING);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Redis Cluster: not " + what + " within " + FORMING);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while forming a Redis Cluster", e);
            }
        }
    }
}

package io.packetstream.deploy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.ConsumerGroupInfo;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.StreamId;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running pipeline: Redis (one server, or a local Redis Cluster with two agents and two indexers), query
 * service, indexers and the agents replaying the capture.
 */
final class LocalPipeline implements AutoCloseable {

    /** Shards on the local cluster: two per master, so every master holds some. */
    static final int CLUSTER_SHARDS = 2 * LocalCluster.MASTERS;

    private final RedisServer embedded;
    private final LocalCluster cluster;
    private final String redisUri;
    private final int queryPort;
    private final List<Integer> agentMetricsPorts = new ArrayList<>();
    private final List<Integer> indexerMetricsPorts = new ArrayList<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<ChildProcess> agents = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalPipeline(RedisServer embedded, LocalCluster cluster, String redisUri, int queryPort) {
        this.embedded = embedded;
        this.cluster = cluster;
        this.redisUri = redisUri;
        this.queryPort = queryPort;
    }

    /**
     * @param redis   a Redis to use; empty: an embedded one, or with {@code cluster} a local Redis Cluster
     * @param cluster start a local Redis Cluster (3 masters, 3 replicas), two agents (the capture as {@code sensor}
     *                and as {@code sensor-2}) and two indexers
     */
    static LocalPipeline start(ModuleJars jars, Optional<String> redis, boolean cluster, Path capture, String sensor,
                               int queryPort) {
        if (cluster && redis.isPresent()) {
            throw new IllegalArgumentException("--cluster starts its own Redis Cluster; leave out --redis");
        }
        LocalCluster localCluster = cluster ? LocalCluster.start(System.out) : null;
        RedisServer embedded = redis.isPresent() || cluster ? null : startEmbeddedRedis();
        String uri = cluster ? localCluster.uris() : redis.orElseGet(() -> "redis://127.0.0.1:" + embedded.ports().get(0));
        LocalPipeline pipeline = new LocalPipeline(embedded, localCluster, uri, queryPort);
        PrintStream out = System.out;
        Map<String, String> redisEnv = Map.of("PACKETSTREAM_REDIS", uri); // not an argument: ps shows those
        int copies = cluster ? 2 : 1;
        List<String> shards = cluster ? List.of("--shards", Integer.toString(CLUSTER_SHARDS)) : List.of();
        try {
            if (cluster) {
                localCluster.setShards(new KeySchema(KeySchema.DEFAULT_NAMESPACE), CLUSTER_SHARDS);
            }
            pipeline.children.add(ChildProcess.start("query", jars.jar("query-service"),
                    List.of("--port", Integer.toString(queryPort)), redisEnv, out));
            for (int i = 1; i <= copies; i++) {
                int metrics = freePort();
                pipeline.indexerMetricsPorts.add(metrics);
                pipeline.children.add(ChildProcess.start(copies == 1 ? "indexer" : "indexer-" + i, jars.jar("indexer"),
                        List.of("--metrics-port", Integer.toString(metrics)), redisEnv, out));
            }
            for (int i = 1; i <= copies; i++) {
                int metrics = freePort();
                pipeline.agentMetricsPorts.add(metrics);
                List<String> args = new ArrayList<>(List.of("--file", capture.toString(),
                        "--sensor", i == 1 ? sensor : sensor + "-" + i, "--metrics-port", Integer.toString(metrics)));
                args.addAll(shards);
                ChildProcess agent = ChildProcess.start(copies == 1 ? "agent" : "agent-" + i, jars.jar("capture-agent"),
                        args, redisEnv, out);
                pipeline.agents.add(agent);
                pipeline.children.add(agent);
            }
            // Ctrl-C ends the launcher without unwinding main: the children and Redis must not outlive it
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "packetstream-demo-stop"));
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private static RedisServer startEmbeddedRedis() {
        try {
            RedisServer server = RedisServer.newRedisServer().port(freePort()).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            System.out.println("started an embedded Redis on port " + server.ports().get(0)
                    + " (pass --redis or set PACKETSTREAM_REDIS to use your own)");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String redisUri() {
        return redisUri;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    String agentMetricsUrl() {
        return metricsUrls(agentMetricsPorts);
    }

    String indexerMetricsUrl() {
        return metricsUrls(indexerMetricsPorts);
    }

    private static String metricsUrls(List<Integer> ports) {
        return String.join(", ", ports.stream().map(p -> "http://127.0.0.1:" + p + "/metrics").toList());
    }

    /** Waits for the agents to finish their replay and the indexers to acknowledge every entry they wrote. */
    void awaitIndexed(Duration timeout) throws InterruptedException {
        for (ChildProcess agent : agents) {
            int exit = agent.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the capture agent " + agent.name() + " failed (exit code " + exit
                        + "); see its output above");
            }
        }
        KeySchema keys = new KeySchema(KeySchema.DEFAULT_NAMESPACE);
        Instant deadline = Instant.now().plus(timeout);
        try (RedisConnections connections = new RedisConnections(new RedisOptions(List.of(redisUri.split(",")),
                RedisOptions.DEFAULT_COMMAND_TIMEOUT));
             RedisConnection connection = connections.connect()) {
            RedisClusterCommands<String, byte[]> redis = connection.sync();
            while (!fullyIndexed(redis, keys)) {
                for (ChildProcess child : children) {
                    if (!agents.contains(child) && !child.isAlive()) {
                        throw new IllegalStateException("the " + child.name() + " exited; see its output above");
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the capture was not indexed within " + timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /** True when, on every shard, the group has been handed the stream's newest entry and nothing is pending. */
    private static boolean fullyIndexed(RedisClusterCommands<String, byte[]> redis, KeySchema keys) {
        byte[] shardsValue = redis.hget(keys.config(), "shards");
        if (shardsValue == null) {
            return false;
        }
        int shards = Integer.parseInt(new String(shardsValue, StandardCharsets.US_ASCII));
        for (int shard = 0; shard < shards; shard++) {
            String stream = keys.stream(shard);
            if (redis.exists(stream) == 0) {
                continue;
            }
            StreamId newest = StreamId.lastGenerated(redis.xinfoStream(stream));
            Optional<ConsumerGroupInfo> group = ConsumerGroupInfo.find(redis.xinfoGroups(stream),
                    KeySchema.CONSUMER_GROUP);
            if (group.isEmpty() || !newest.equals(group.get().lastDelivered()) || group.get().pending() > 0) {
                return false;
            }
        }
        return true;
    }

    void awaitExit() throws InterruptedException {
        for (ChildProcess child : children) {
            if (!agents.contains(child)) {
                child.waitFor();
            }
        }
    }

    /** Stops the programs, then Redis; safe to call more than once and from the shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                System.err.println("could not stop the embedded Redis: " + e.getMessage());
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}

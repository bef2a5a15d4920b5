package io.packetstream.deploy;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster on this machine, as an operator would set one up: {@code redis-server --cluster-enabled yes}
 * processes on free loopback ports, joined by {@code redis-cli --cluster create … --cluster-replicas 1}. Both
 * programs must be on the PATH. Persistence is off: the cluster lives as long as the launcher.
 */
final class LocalCluster implements AutoCloseable {

    static final int MASTERS = 3;
    static final int REPLICAS_PER_MASTER = 1;
    private static final Duration FORMING = Duration.ofSeconds(60);

    private final Path directory;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();

    private LocalCluster(Path directory) {
        this.directory = directory;
    }

    /** Starts the nodes, forms the cluster and waits until every node says {@code cluster_state:ok}. */
    static LocalCluster start(PrintStream out) {
        String server = onPath("redis-server");
        String cli = onPath("redis-cli");
        LocalCluster cluster;
        try {
            cluster = new LocalCluster(Files.createTempDirectory("packetstream-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the cluster's nodes", e);
        }
        try {
            for (int i = 0; i < MASTERS * (1 + REPLICAS_PER_MASTER); i++) {
                cluster.startNode(server);
            }
            cluster.ports.forEach(LocalCluster::awaitListening); // redis-cli gives up on a node not listening yet
            List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
            cluster.ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", Integer.toString(REPLICAS_PER_MASTER), "--cluster-yes"));
            run(create, cluster.directory.resolve("create.log"));
            cluster.awaitOk();
            out.println("started a local Redis Cluster: " + MASTERS + " masters with " + REPLICAS_PER_MASTER
                    + " replica each on ports " + cluster.ports);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return every node's URL, comma-separated, as {@code --redis} takes seeds */
    String uris() {
        return String.join(",", ports.stream().map(p -> "redis://127.0.0.1:" + p).toList());
    }

    /**
     * Fixes the namespace's shard count before any program starts (an indexer started first would fix it at 1).
     */
    void setShards(KeySchema keys, int shards) {
        try (RedisConnections connections = new RedisConnections(options());
             RedisConnection c = connections.connect()) {
            c.sync().hset(keys.config(), "shards", Integer.toString(shards).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private RedisOptions options() {
        return new RedisOptions(List.of(uris().split(",")), RedisOptions.DEFAULT_COMMAND_TIMEOUT);
    }

    private void startNode(String server) {
        int port = LocalPipeline.freePort();
        Path dir = directory.resolve(Integer.toString(port));
        try {
            Files.createDirectories(dir);
            nodes.add(new ProcessBuilder(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start());
            ports.add(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + server, e);
        }
    }

    private void awaitOk() {
        Instant deadline = Instant.now().plus(FORMING);
        while (true) {
            try (RedisConnections connections = new RedisConnections(options());
                 RedisConnection c = connections.connect()) {
                if (c.isCluster() && c.sync().clusterInfo().contains("cluster_state:ok")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // nodes still starting or agreeing
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Redis Cluster was not ok within " + FORMING + "; see " + directory);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void awaitListening(int port) {
        Instant deadline = Instant.now().plus(FORMING);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no Redis node listened on port " + port + " within " + FORMING);
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private static void run(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(FORMING.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                // the nodes' directory goes when the cluster is closed: say what redis-cli said here
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
        }
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("--cluster needs " + program + " on the PATH (e.g. apt-get install redis-server)");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forming the Redis Cluster", e);
        }
    }

    /** Stops every node and removes their directory. */
    @Override
    public void close() {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + directory + ": " + e.getMessage());
        }
    }
}

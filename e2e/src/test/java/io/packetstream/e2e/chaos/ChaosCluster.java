package io.packetstream.e2e.chaos;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.e2e.GoldenAnswers;
import io.packetstream.testsupport.redis.RedisBinary;
import io.packetstream.testsupport.redis.RedisProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a chaos run breaks: one {@code redis-server} persisting every write to its append-only file before
 * it answers ({@code appendfsync always}), so a killed server loses nothing it acknowledged, and the indexers, each
 * a child JVM contending for the shards with a short lease. Each method is one step of a fault or of its repair.
 */
final class ChaosCluster implements AutoCloseable {

    private final ChaosOptions options;
    private final RedisProcess redis;
    private final KeySchema keys = new KeySchema("chaos");
    private final Path logDir;
    private final ProgramProcess[] indexers;
    private final String[] consumers;
    private int runs;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisConnection<String, byte[]> binary;

    private ChaosCluster(ChaosOptions options, RedisProcess redis, Path logDir) {
        this.options = options;
        this.redis = redis;
        this.logDir = logDir;
        this.indexers = new ProgramProcess[options.indexers()];
        this.consumers = new String[options.indexers()];
        this.client = RedisClient.create(redis.uri());
        client.setDefaultTimeout(Duration.ofSeconds(2));
        this.connection = client.connect();
        this.binary = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    /** Starts Redis, sets the deployment's shard count (as an operator would before any program runs) and the indexers. */
    static ChaosCluster start(ChaosOptions options, Path logDir) {
        RedisProcess redis = RedisProcess.launch(RedisBinary.locate(), RedisProcess.freePort(),
                List.of("--appendonly", "yes", "--appendfsync", "always"));
        ChaosCluster cluster = new ChaosCluster(options, redis, logDir);
        cluster.redis().hset(cluster.keys.config(), "shards", Integer.toString(options.shards()));
        for (int i = 0; i < options.indexers(); i++) {
            cluster.startIndexer(i, true);
        }
        return cluster;
    }

    KeySchema keys() {
        return keys;
    }

    int shards() {
        return options.shards();
    }

    String redisUri() {
        return redis.uri();
    }

    /** The test's own connection: it reconnects by itself after a restart; a command sent while Redis is down fails. */
    RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** Like {@link #redis()}, for binary values (change-stream blocks). */
    RedisCommands<String, byte[]> binaryRedis() {
        return binary.sync();
    }

    /** @param renamed a new consumer name (another indexer taking over) rather than the killed one's (a restart) */
    synchronized void startIndexer(int i, boolean renamed) {
        int run = ++runs;
        if (renamed || consumers[i] == null) {
            consumers[i] = "chaos-" + i + "-" + run;
        }
        indexers[i] = ProgramProcess.start("indexer", "indexer-" + i + "-run" + run, logDir, List.of(
                "--redis", redis.uri(), "--namespace", keys.namespace(), "--consumer", consumers[i],
                "--lease", options.lease().toMillis() + "ms", "--block", "100ms", "--batch-entries", "4",
                "--progress", "2s", "--metrics-port", "-1"));
    }

    /** @return false when it had already exited by itself (a crash the chaos did not cause) */
    synchronized boolean killIndexer(int i) {
        boolean alive = indexers[i].isAlive();
        indexers[i].kill();
        return alive;
    }

    /** SIGSTOP ({@code stop}) or SIGCONT: a process frozen as by a long GC pause or a suspended VM. */
    synchronized void pauseIndexer(int i, boolean stop) {
        indexers[i].signal(stop ? "STOP" : "CONT");
    }

    /** @return names of indexers that exited by themselves and are not yet restarted */
    synchronized List<String> deadIndexers() {
        List<String> dead = new ArrayList<>();
        for (ProgramProcess p : indexers) {
            if (!p.isAlive()) {
                dead.add(p.name());
            }
        }
        return dead;
    }

    ProgramProcess startAgent(GoldenAnswers.Capture capture, int run) {
        return ProgramProcess.start("capture-agent", "agent-" + capture.sensor() + "-run" + run, logDir, List.of(
                "--redis", redis.uri(), "--namespace", keys.namespace(), "--shards", Integer.toString(options.shards()),
                "--file", capture.path().toString(), "--sensor", capture.sensor(),
                // one packet an entry and few in flight: many entries, published over long enough that a kill lands
                // between some of them, with some sent and not yet acknowledged
                "--batch-packets", "1", "--max-in-flight", "4", "--metrics-port", "-1", "--progress", "10s"));
    }

    void killRedis() {
        redis.kill();
    }

    void stopRedis() {
        redis.stop();
    }

    void startRedis() {
        redis.start();
    }

    @Override
    public void close() {
        for (ProgramProcess p : indexers) {
            if (p != null) {
                p.kill();
            }
        }
        connection.close();
        binary.close();
        client.shutdown();
        redis.close();
    }
}

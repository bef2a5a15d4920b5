package io.packetstream.e2e;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.testsupport.redis.RedisProcess;
import io.packetstream.testsupport.redis.TestRedisCluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Kills the master of one shard with SIGKILL while agents publish to it, as a crash would (no goodbye to clients,
 * nothing handed to its replica that it had not sent yet), and then watches the cluster promote the replica by
 * itself, after {@code cluster-node-timeout}. The kill is timed by the shard's own stream: it lands as soon as the
 * stream has grown by a few entries since {@link #arm}, so it falls in the middle of a replay, not before or after.
 */
final class MasterKill {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    /**
     * What happened.
     *
     * @param killedPort     the master killed
     * @param promotedPort   the replica the cluster promoted in its place
     * @param entriesAtKill  entries the killed master's stream held when it was killed
     * @param untilPromoted  from the kill until the cluster named the new master
     */
    record Outcome(int killedPort, int promotedPort, long entriesAtKill, Duration untilPromoted) {
        @Override
        public String toString() {
            return "master on port " + killedPort + " killed (SIGKILL) at " + entriesAtKill + " entries; replica on port "
                    + promotedPort + " promoted " + untilPromoted.toMillis() + " ms later";
        }
    }

    private MasterKill() {
    }

    /**
     * Reads the stream's length now, then, in the background, kills the stream's master once it holds
     * {@code growth} entries more, and waits for the promotion.
     */
    static CompletableFuture<Outcome> arm(TestRedisCluster cluster, String stream, int growth) {
        RedisProcess master = cluster.masterOf(stream);
        RedisClient client = RedisClient.create(master.uri());
        StatefulRedisConnection<String, String> connection = client.connect();
        long start = connection.sync().xlen(stream);
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long entries;
            try (client; connection) {
                while ((entries = connection.sync().xlen(stream)) < start + growth) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError(stream + " did not grow by " + growth + " entries within " + LIMIT);
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
                master.kill();
            }
            long killed = System.nanoTime();
            RedisProcess promoted = awaitNewMaster(cluster, stream, master, deadline);
            return new Outcome(master.port(), promoted.port(), entries, Duration.ofNanos(System.nanoTime() - killed));
        });
    }

    private static RedisProcess awaitNewMaster(TestRedisCluster cluster, String stream, RedisProcess killed, long deadline) {
        while (System.nanoTime() - deadline < 0) {
            RedisProcess now = cluster.masterOf(stream);
            if (now != killed) {
                return now;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("no replica was promoted in place of the killed master within " + LIMIT);
    }
}

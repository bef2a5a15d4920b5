package io.packetstream.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmarks' own view of their private Redis, on a connection of its own: what the server has spent
 * ({@link #usage()}) and which calls ran long ({@link #startSlowLog()}, {@link #slowLog()}).
 */
public final class RedisObserver implements AutoCloseable {

    /** Calls at least this long are logged: the bound is 2 ms per call, so 1 ms shows the ones near it. */
    public static final long DEFAULT_SLOW_MICROS = 1000;
    /** Entries the SLOWLOG keeps; large enough that a bad run is counted, not just sampled. */
    public static final int DEFAULT_SLOWLOG_LENGTH = 10_000;
    /** Slow calls listed in a summary. */
    public static final int DEFAULT_TOP = 5;
    /** Long enough for SLOWLOG GET of a full log and FLUSHALL of a loaded node. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);

    private final RedisClusterCommands<String, byte[]> redis;
    private final Runnable closer;

    private RedisObserver(RedisClusterCommands<String, byte[]> redis, Runnable closer) {
        this.redis = redis;
        this.closer = closer;
    }

    /** @param options the server; never {@code null} */
    public static RedisObserver connect(RedisOptions options) {
        RedisConnections connections = new RedisConnections(Objects.requireNonNull(options, "options"));
        RedisConnection connection = connections.connect();
        return new RedisObserver(connection.sync(), () -> {
            connection.close();
            connections.close();
        });
    }

    /**
     * Observes one node of a Redis Cluster by itself: {@link #connect} would see {@code cluster_enabled:1} and
     * send INFO, CONFIG and SLOWLOG to whichever node the cluster client picks.
     *
     * @param uri the node's {@code redis://} URL; never {@code null}
     */
    public static RedisObserver node(String uri) {
        RedisURI where = RedisURI.create(Objects.requireNonNull(uri, "uri"));
        where.setTimeout(NODE_TIMEOUT);
        RedisClient client = RedisClient.create(where);
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisConnections.CODEC);
        return new RedisObserver(connection.sync(), () -> {
            connection.close();
            client.shutdown();
        });
    }

    /** @return what the server has spent since it started */
    public RedisUsage usage() {
        return RedisUsage.parse(redis.info("cpu") + "\n" + redis.info("commandstats"));
    }

    /** Logs every call of {@value #DEFAULT_SLOW_MICROS} µs or more from now on, forgetting earlier ones. */
    public void startSlowLog() {
        redis.configSet("slowlog-log-slower-than", Long.toString(DEFAULT_SLOW_MICROS));
        redis.configSet("slowlog-max-len", Integer.toString(DEFAULT_SLOWLOG_LENGTH));
        redis.slowlogReset();
    }

    /** @return the calls logged since {@link #startSlowLog()}, the longest {@value #DEFAULT_TOP} listed */
    public SlowLogSummary slowLog() {
        long count = redis.slowlogLen();
        List<SlowCall> calls = new ArrayList<>();
        for (Object entry : redis.slowlogGet(DEFAULT_SLOWLOG_LENGTH)) {
            calls.add(SlowCall.parse(entry));
        }
        calls.sort(Comparator.comparingLong(SlowCall::micros).reversed());
        Map<String, Long> byCommand = new LinkedHashMap<>();
        calls.stream().collect(Collectors.groupingBy(SlowCall::command, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byCommand.put(e.getKey(), e.getValue()));
        return new SlowLogSummary(DEFAULT_SLOW_MICROS, count, count >= DEFAULT_SLOWLOG_LENGTH, byCommand,
                calls.subList(0, Math.min(DEFAULT_TOP, calls.size())));
    }

    /**
     * Gives Redis's threads the CPU whenever they want it: real-time scheduling ({@code chrt -f 10}, needs root; the
     * kernel still keeps 5 % of every second for everyone else), else a higher priority ({@code renice -n -10}). On
     * a two-core machine the benchmark's own JVM threads otherwise take Redis's core in the middle of commands, and
     * the slow log, which measures wall-clock time, shows the preemption instead of what the command costs: at nice
     * -10 {@code bench pipeline}'s run 1 logged 1,293 calls over 1 ms, at real-time priority 242-308 (in four runs of
     * five), most of them appends whose memory this machine is slow to fault in. In production Redis has a core of
     * its own. Says what it did; a refusal is not fatal.
     */
    public void prioritize(java.io.PrintStream out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("process_id:(\\d+)").matcher(redis.info("server"));
        if (!m.find()) {
            out.println("Redis did not say its process id: running it at normal priority");
            return;
        }
        String pid = m.group(1);
        String refused = run("chrt", "-f", "-a", "-p", "10", pid);
        if (refused == null) {
            out.println("Redis (pid " + pid + ") runs with real-time priority (chrt -f 10), as if on a core of its own, "
                    + "so that the slow log shows what commands cost rather than the benchmark taking Redis's core");
            return;
        }
        String reniceRefused = run("renice", "-n", "-10", "-p", pid);
        out.println(reniceRefused == null
                ? "Redis (pid " + pid + ") runs at nice -10 (real-time priority refused: " + refused + "): slow calls "
                        + "may include preemption"
                : "could not raise Redis's priority (" + reniceRefused + "): slow calls include preemption");
    }

    /** @return {@code null} when the command succeeded, else what it said */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? null : (said.isEmpty() ? command[0] + " failed" : said);
        } catch (java.io.IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Empties the server, so the next part of a benchmark starts from nothing. */
    public void flushAll() {
        redis.flushall();
    }

    /** Zeroes INFO commandstats and the other counters (CONFIG RESETSTAT; the CPU figures keep counting). */
    public void resetStats() {
        redis.configResetstat();
    }

    /**
     * Applies settings at run time (CONFIG SET), for servers started by someone else's code.
     *
     * @param settings {@code --name value} pairs, as given to {@code redis-server}; never {@code null}
     */
    public void configure(List<String> settings) {
        if (settings.size() % 2 != 0) {
            throw new IllegalArgumentException("settings must be --name value pairs, were " + settings);
        }
        for (int i = 0; i < settings.size(); i += 2) {
            redis.configSet(settings.get(i).replaceFirst("^--", ""), settings.get(i + 1));
        }
    }

    @Override
    public void close() {
        closer.run();
    }
}

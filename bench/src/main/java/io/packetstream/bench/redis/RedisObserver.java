package io.packetstream.bench.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

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

    private final RedisConnections connections;
    private final RedisConnection connection;
    private final RedisClusterCommands<String, byte[]> redis;

    private RedisObserver(RedisOptions options) {
        connections = new RedisConnections(options);
        connection = connections.connect();
        redis = connection.sync();
    }

    /** @param options the server; never {@code null} */
    public static RedisObserver connect(RedisOptions options) {
        return new RedisObserver(Objects.requireNonNull(options, "options"));
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
     * Gives Redis's process a higher CPU priority ({@code renice -n -10}; needs root). On a two-core machine the
     * benchmark's own JVM threads otherwise take Redis's core in the middle of commands, and the slow log, which
     * measures wall-clock time, shows the preemption instead of what the command costs. In production Redis has a
     * core of its own. Says what it did; a refusal is not fatal.
     */
    public void prioritize(java.io.PrintStream out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("process_id:(\\d+)").matcher(redis.info("server"));
        if (!m.find()) {
            out.println("Redis did not say its process id: running it at normal priority");
            return;
        }
        try {
            Process p = new ProcessBuilder("renice", "-n", "-10", "-p", m.group(1)).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            out.println(p.waitFor() == 0 ? "Redis (pid " + m.group(1) + ") runs at nice -10, so that the slow log shows "
                    + "what commands cost rather than the benchmark taking Redis's core"
                    : "could not raise Redis's priority (" + said + "): slow calls include preemption");
        } catch (java.io.IOException e) {
            out.println("could not raise Redis's priority (" + e.getMessage() + "): slow calls include preemption");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Empties the server, so the next part of a benchmark starts from nothing. */
    public void flushAll() {
        redis.flushall();
    }

    @Override
    public void close() {
        connection.close();
        connections.close();
    }
}

package io.packetstream.bench.pipeline;

import io.lettuce.core.api.StatefulRedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Redis spent its time during the run, from {@code INFO commandstats}: seconds of CPU per command, largest
 * first. Redis executes commands on one thread, so this is what bounds ingest when the indexer waits on it.
 */
final class RedisCommandTime {

    private static final Pattern LINE = Pattern.compile("cmdstat_([a-z|_]+):calls=(\\d+),usec=(\\d+)");

    private RedisCommandTime() {
    }

    /** Clears the statistics, so the next reading covers only what follows. */
    static void reset(RedisOptions options) {
        try (RedisConnections connections = new RedisConnections(options);
             StatefulRedisConnection<String, byte[]> connection = connections.connect()) {
            connection.sync().configResetstat();
        }
    }

    /** @return command → "calls, seconds", the five most expensive */
    static Map<String, String> top(RedisOptions options) {
        try (RedisConnections connections = new RedisConnections(options);
             StatefulRedisConnection<String, byte[]> connection = connections.connect()) {
            String info = connection.sync().info("commandstats");
            Map<String, long[]> all = new LinkedHashMap<>();
            Matcher m = LINE.matcher(info);
            while (m.find()) {
                all.put(m.group(1), new long[]{Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
            Map<String, String> top = new LinkedHashMap<>();
            all.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(5)
                    .forEach(e -> top.put(e.getKey(), String.format("%,d calls %.2f s", e.getValue()[0], e.getValue()[1] / 1e6)));
            return top;
        }
    }
}

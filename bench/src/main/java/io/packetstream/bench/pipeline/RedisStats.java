package io.packetstream.bench.pipeline;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Redis's one thread spent, read before and after a phase of the benchmark: main-thread CPU seconds
 * ({@code INFO cpu}) and calls and microseconds per command ({@code INFO commandstats}; commands called from a script
 * count there too, inside the script's own time, so only the CPU figure adds up). And the slow log: every call over
 * a millisecond, which stalls every other client of Redis meanwhile.
 *
 * @param cpuSeconds main-thread CPU (user + system), all threads where Redis does not tell the main thread's
 * @param commands   command → {calls, microseconds}
 */
public record RedisStats(double cpuSeconds, Map<String, long[]> commands) {

    private static final Pattern COMMAND = Pattern.compile("cmdstat_([a-z|_]+):calls=(\\d+),usec=(\\d+)");
    /** Calls slower than this are logged: a millisecond, in microseconds. */
    static final long SLOW_MICROS = 1000;

    static RedisStats take(RedisCommands<String, byte[]> redis) {
        String cpu = redis.info("cpu");
        double seconds = field(cpu, "used_cpu_user_main_thread") + field(cpu, "used_cpu_sys_main_thread");
        if (Double.isNaN(seconds)) {
            seconds = field(cpu, "used_cpu_user") + field(cpu, "used_cpu_sys"); // before Redis 7
        }
        Map<String, long[]> commands = new HashMap<>();
        Matcher m = COMMAND.matcher(redis.info("commandstats"));
        while (m.find()) {
            commands.put(m.group(1), new long[]{Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return new RedisStats(seconds, commands);
    }

    private static double field(String info, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":([0-9.]+)").matcher(info);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** @return CPU seconds Redis's thread spent since {@code before} */
    double cpuSince(RedisStats before) {
        return cpuSeconds - before.cpuSeconds;
    }

    /** @return the {@code n} commands that took most time since {@code before}: "name calls, seconds" */
    String topSince(RedisStats before, int n) {
        StringBuilder out = new StringBuilder();
        commands.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{e.getValue()[0] - before.commands.getOrDefault(e.getKey(),
                        new long[2])[0], e.getValue()[1] - before.commands.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(n)
                .forEach(e -> out.append(String.format("%s %,d calls %.2f s; ", e.getKey(), e.getValue()[0],
                        e.getValue()[1] / 1e6)));
        return out.toString().trim();
    }

    /** The slow log of a phase. */
    public record SlowCalls(long count, long longestMicros, String longest) {

        /** Logs every call over {@link #SLOW_MICROS} from now on, and forgets earlier ones. */
        public static void start(RedisCommands<String, byte[]> redis) {
            redis.configSet("slowlog-log-slower-than", Long.toString(SLOW_MICROS));
            redis.configSet("slowlog-max-len", "100000");
            redis.slowlogReset();
        }

        public static SlowCalls read(RedisCommands<String, byte[]> redis) {
            List<Object> entries = redis.slowlogGet(100_000);
            long longest = 0;
            String what = "none";
            for (Object o : entries) {
                List<?> entry = (List<?>) o; // id, time, microseconds, arguments, …
                long micros = (Long) entry.get(2);
                if (micros > longest) {
                    longest = micros;
                    what = describe((List<?>) entry.get(3));
                }
            }
            return new SlowCalls(entries.size(), longest, what);
        }

        private static String describe(List<?> args) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < Math.min(3, args.size()); i++) {
                Object a = args.get(i);
                String text = a instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(a);
                s.append(text, 0, Math.min(40, text.length())).append(' ');
            }
            return s.toString().trim();
        }
    }
}

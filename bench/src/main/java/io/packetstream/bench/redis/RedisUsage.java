package io.packetstream.bench.redis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Redis has spent so far, from {@code INFO cpu} and {@code INFO commandstats}; the difference of two readings
 * ({@link #minus}) is the cost of what ran between them.
 *
 * <p>CPU is the main thread's (Redis 7: {@code used_cpu_*_main_thread}), the one serial resource every client waits
 * on; it includes reading requests and writing replies, which commandstats leaves out. Older servers report only the
 * whole process ({@code mainThread} false), which adds background threads (lazy free, fsync).
 *
 * <p>Commandstats counts a command run by a script twice: in its own line and inside the script's. Summing every
 * line over-counts, so the figures are kept apart: {@link #scriptMicros()} and {@link #otherMicros()}; the time
 * counted once lies between the larger of the two and their sum.
 *
 * @param cpuSeconds CPU seconds used (user + system)
 * @param mainThread true when {@code cpuSeconds} is the main thread's alone
 * @param commands   command name → its time
 */
public record RedisUsage(double cpuSeconds, boolean mainThread, Map<String, CommandTime> commands) {

    private static final Pattern FIELD = Pattern.compile("^([a-z_]+):([0-9.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern COMMAND = Pattern.compile("^cmdstat_([^:\\s]+):calls=(\\d+),usec=(\\d+)", Pattern.MULTILINE);

    public RedisUsage {
        commands = Map.copyOf(commands);
    }

    /**
     * @param info the text of {@code INFO cpu} and {@code INFO commandstats} (one reply or both concatenated)
     * @return the reading
     * @throws IllegalArgumentException when the text holds no CPU figures
     */
    public static RedisUsage parse(String info) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        Matcher f = FIELD.matcher(info);
        while (f.find()) {
            if (f.group(1).startsWith("used_cpu_")) {
                cpu.put(f.group(1), Double.parseDouble(f.group(2)));
            }
        }
        Map<String, CommandTime> commands = new LinkedHashMap<>();
        Matcher c = COMMAND.matcher(info);
        while (c.find()) {
            commands.put(c.group(1), new CommandTime(c.group(1), Long.parseLong(c.group(2)), Long.parseLong(c.group(3))));
        }
        if (cpu.containsKey("used_cpu_user_main_thread") && cpu.containsKey("used_cpu_sys_main_thread")) {
            return new RedisUsage(cpu.get("used_cpu_user_main_thread") + cpu.get("used_cpu_sys_main_thread"), true, commands);
        }
        if (cpu.containsKey("used_cpu_user") && cpu.containsKey("used_cpu_sys")) {
            return new RedisUsage(cpu.get("used_cpu_user") + cpu.get("used_cpu_sys"), false, commands);
        }
        throw new IllegalArgumentException("no used_cpu_user/used_cpu_sys in the INFO text");
    }

    /** @return what was spent since {@code earlier}; commands absent from it count from zero */
    public RedisUsage minus(RedisUsage earlier) {
        Map<String, CommandTime> delta = new LinkedHashMap<>();
        commands.forEach((name, now) -> {
            CommandTime before = earlier.commands.get(name);
            CommandTime d = before == null ? now : now.minus(before);
            if (d.calls() > 0) {
                delta.put(name, d);
            }
        });
        return new RedisUsage(cpuSeconds - earlier.cpuSeconds, mainThread && earlier.mainThread, delta);
    }

    /** @return microseconds of script calls (EVALSHA, FCALL…), including the commands the scripts ran */
    public long scriptMicros() {
        return commands.values().stream().filter(CommandTime::isScript).mapToLong(CommandTime::micros).sum();
    }

    /** @return microseconds of every other command, including those run from inside scripts */
    public long otherMicros() {
        return commands.values().stream().filter(c -> !c.isScript()).mapToLong(CommandTime::micros).sum();
    }

    /** @return the {@code n} commands that took longest, longest first */
    public List<CommandTime> top(int n) {
        return commands.values().stream().sorted(Comparator.comparingLong(CommandTime::micros).reversed()).limit(n).toList();
    }
}

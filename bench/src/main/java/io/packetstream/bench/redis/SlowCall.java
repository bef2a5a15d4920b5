package io.packetstream.bench.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of Redis's SLOWLOG: how long a call executed and the command with its first arguments (Redis keeps at
 * most 32 arguments of at most 128 bytes each).
 *
 * @param micros execution time in microseconds
 * @param args   the command name and its arguments as Redis recorded them
 */
public record SlowCall(long micros, List<String> args) {

    /** Longest text {@link #describe()} returns. */
    static final int DESCRIBE_CHARS = 100;

    public SlowCall {
        args = List.copyOf(args);
    }

    /**
     * Reads one entry of a {@code SLOWLOG GET} reply: {@code [id, unix time, micros, [args…], client address,
     * client name]}; bulk strings may come as {@code byte[]} or {@code String} depending on the codec.
     *
     * @throws IllegalArgumentException when the entry does not have that shape
     */
    static SlowCall parse(Object entry) {
        if (!(entry instanceof List<?> fields) || fields.size() < 4 || !(fields.get(2) instanceof Long micros)
                || !(fields.get(3) instanceof List<?> rawArgs)) {
            throw new IllegalArgumentException("not a SLOWLOG entry: " + entry);
        }
        List<String> args = new ArrayList<>(rawArgs.size());
        for (Object arg : rawArgs) {
            args.add(arg instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(arg));
        }
        return new SlowCall(micros, args);
    }

    /**
     * @return the command's name in lower case, e.g. {@code hgetall}; for EVALSHA with the script's SHA's first 8
     * digits, e.g. {@code evalsha:bc5b9bc9}, since every script is called through the same command
     */
    public String command() {
        if (args.isEmpty()) {
            return "?";
        }
        String name = args.get(0).toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("evalsha") && args.size() > 1
                ? name + ":" + args.get(1).substring(0, Math.min(8, args.get(1).length())) : name;
    }

    /** @return e.g. {@code 85.3 ms evalsha 3f2a… 2 ps:{0}:packets …}, cut to {@value #DESCRIBE_CHARS} characters */
    public String describe() {
        StringBuilder text = new StringBuilder(String.format("%.1f ms", micros / 1000.0));
        for (String arg : args) {
            text.append(' ').append(printable(arg));
            if (text.length() > DESCRIBE_CHARS) {
                return text.substring(0, DESCRIBE_CHARS - 1) + "…";
            }
        }
        return text.toString();
    }

    /** Script arguments carry binary payloads; show them as a length so the report stays one line. */
    private static String printable(String arg) {
        return arg.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? arg : "<" + arg.length() + " bytes>";
    }
}

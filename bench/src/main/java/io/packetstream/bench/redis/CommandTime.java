package io.packetstream.bench.redis;

/**
 * Redis time of one command, as {@code INFO commandstats} counts it: calls and microseconds spent executing them
 * (not reading requests or writing replies). Commands run by a script are counted here and inside the script's own
 * figure as well.
 *
 * @param name   the command, lower case, e.g. {@code evalsha} or {@code client|setinfo}
 * @param calls  how many times it ran
 * @param micros microseconds spent executing it
 */
public record CommandTime(String name, long calls, long micros) {

    public CommandTime {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
    }

    /** @return the difference since {@code earlier}, a reading of the same command */
    CommandTime minus(CommandTime earlier) {
        return new CommandTime(name, calls - earlier.calls, micros - earlier.micros);
    }

    /** @return whether this command runs other commands inside it (EVAL, EVALSHA, FCALL and their read-only forms) */
    public boolean isScript() {
        return name.startsWith("eval") || name.startsWith("fcall");
    }
}

package io.packetstream.core.cli;

import io.packetstream.core.PacketstreamException;
import io.packetstream.core.redis.Credentials;
import picocli.CommandLine;

import java.util.Objects;

/**
 * How every program reports a failure that ends it: one line, {@code <program>: error: <what and what to do>},
 * credentials masked (messages may quote the Redis URL), exit code 1. Only a failure packetstream did not foresee
 * (a bug) keeps picocli's stack trace, since that is what a bug report needs.
 */
public final class ErrorLine {

    private ErrorLine() {
    }

    /**
     * @param program the name printed first, e.g. {@code indexer}
     * @return the handler to give {@link CommandLine#setExecutionExceptionHandler}
     */
    public static CommandLine.IExecutionExceptionHandler handler(String program) {
        Objects.requireNonNull(program, "program");
        return (e, line, parsed) -> {
            if (!(e instanceof PacketstreamException) && !(e instanceof IllegalArgumentException)) {
                throw e;
            }
            line.getErr().println(program + ": error: " + Credentials.message(e));
            return 1;
        };
    }
}

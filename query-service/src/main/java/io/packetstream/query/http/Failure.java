package io.packetstream.query.http;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What an error means for the client: its HTTP status and message, whether it is Redis's doing (counted, and
 * logged at WARN), and the parameter at fault for bad input.
 */
record Failure(int status, String message, Optional<String> parameter, boolean redis) {

    static Failure of(Throwable error) {
        if (error instanceof ApiException e) {
            return new Failure(e.status(), e.getMessage(), e.parameter(), false);
        }
        if (error instanceof TimeoutException) {
            return new Failure(503, "redis unavailable: " + error.getMessage(), Optional.empty(), true);
        }
        if (error instanceof RedisCommandExecutionException e && !busy(e)) {
            return new Failure(500, "redis error: " + e.getMessage(), Optional.empty(), true);
        }
        if (error instanceof RedisException || error instanceof IOException) {
            return new Failure(503, "redis unavailable: " + rootMessage(error), Optional.empty(), true);
        }
        return new Failure(500, "internal error: " + rootMessage(error), Optional.empty(), false);
    }

    /** Replies that say Redis cannot answer right now rather than that the request is wrong. */
    private static boolean busy(RedisCommandExecutionException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("MASTERDOWN")
                || m.startsWith("TRYAGAIN") || m.startsWith("CLUSTERDOWN");
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return t == error || error.getMessage() == null ? m : error.getMessage() + " (" + m + ")";
    }
}

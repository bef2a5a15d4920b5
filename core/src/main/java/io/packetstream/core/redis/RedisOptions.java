package io.packetstream.core.redis;

import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach Redis: one {@code redis://} or {@code rediss://} URL, or several: seeds of one Redis Cluster and the
 * command timeout.
 *
 * @param uris           at least one URL
 * @param commandTimeout how long a command may take before it fails (blocking reads add their BLOCK time)
 * @param tls            CA and client certificate for {@code rediss://}
 */
public record RedisOptions(List<String> uris, Duration commandTimeout, RedisTls tls) {

    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    public RedisOptions {
        Objects.requireNonNull(uris, "uris");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(tls, "tls");
        uris = List.copyOf(uris);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("redis: at least one URL is needed");
        }
        for (String uri : uris) {
            try {
                RedisURI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("redis: '" + Credentials.mask(uri) + "' is not a redis:// or rediss:// URL: "
                        + Credentials.message(e));
            }
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("redis command timeout must be positive, was " + commandTimeout);
        }
    }

    /** The options with {@link RedisTls#defaults()}. */
    public RedisOptions(List<String> uris, Duration commandTimeout) {
        this(uris, commandTimeout, RedisTls.defaults());
    }

    /** @return options for one URL with the default timeout */
    public static RedisOptions of(String uri) {
        return new RedisOptions(List.of(uri), DEFAULT_COMMAND_TIMEOUT);
    }

    /** @return the URLs as they may be printed: comma-separated, passwords masked ({@link Credentials}) */
    public String shown() {
        return Credentials.mask(String.join(",", uris));
    }

    /** Masked too: a record's generated text would print the passwords wherever the options are logged. */
    @Override
    public String toString() {
        return "RedisOptions[uris=" + shown() + ", commandTimeout=" + commandTimeout + ", tls=" + tls + "]";
    }

    /** @return a copy with another command timeout */
    public RedisOptions withCommandTimeout(Duration timeout) {
        return new RedisOptions(uris, timeout, tls);
    }

    /** @return a copy with other TLS files */
    public RedisOptions withTls(RedisTls tls) {
        return new RedisOptions(uris, commandTimeout, tls);
    }
}

package io.packetstream.core.cli;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.core.redis.RedisTls;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/**
 * The Redis flags every program takes, each with its environment variable (see {@link EnvironmentDefaults}).
 */
public final class RedisMixin {

    // no ${DEFAULT-VALUE} here: it would show a password given in the environment
    @Option(names = "--redis", split = ",", paramLabel = "URL",
            description = "Redis URL, redis:// or rediss:// (env PACKETSTREAM_REDIS; default " + RedisOptions.DEFAULT_URI
                    + "); several, comma-separated, are seeds of one Redis Cluster. A password belongs in the "
                    + "environment variable, not a flag others see in ps")
    List<String> uris = List.of(RedisOptions.DEFAULT_URI);

    @Option(names = "--redis-timeout", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Redis command timeout, e.g. 500ms, 5s (env PACKETSTREAM_REDIS_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration timeout = RedisOptions.DEFAULT_COMMAND_TIMEOUT;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "Prefix of every Redis key (env PACKETSTREAM_NAMESPACE; default ${DEFAULT-VALUE})")
    String namespace = KeySchema.DEFAULT_NAMESPACE;

    @Option(names = "--redis-ca", paramLabel = "PEM",
            description = "CA certificates (PEM) to trust for a rediss:// URL, instead of the JDK's "
                    + "(env PACKETSTREAM_REDIS_CA)")
    Optional<Path> ca;

    @Option(names = "--redis-client-cert", paramLabel = "PEM",
            description = "Client certificate chain (PEM) for Redis's tls-auth-clients (env PACKETSTREAM_REDIS_CLIENT_CERT)")
    Optional<Path> clientCertificate;

    @Option(names = "--redis-client-key", paramLabel = "PEM",
            description = "Private key (PEM, PKCS#8) of --redis-client-cert (env PACKETSTREAM_REDIS_CLIENT_KEY)")
    Optional<Path> clientKey;

    public RedisOptions redisOptions() {
        return new RedisOptions(uris, timeout, new RedisTls(ca, clientCertificate, clientKey));
    }

    public KeySchema keySchema() {
        return new KeySchema(namespace);
    }
}

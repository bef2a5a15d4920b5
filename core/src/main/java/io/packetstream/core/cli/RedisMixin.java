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
 * The Redis flags every program takes, each with its environment variable.
 */
public final class RedisMixin {

    @Option(names = "--redis", split = ",", paramLabel = "URL",
            defaultValue = "${env:PACKETSTREAM_REDIS:-" + RedisOptions.DEFAULT_URI + "}",
            description = "Redis URL, redis:// or rediss:// (env PACKETSTREAM_REDIS; default " + RedisOptions.DEFAULT_URI
                    + "). A password belongs in the environment variable, not a flag others see in ps")
    List<String> uris;

    @Option(names = "--redis-timeout", paramLabel = "DURATION",
            defaultValue = "${env:PACKETSTREAM_REDIS_TIMEOUT:-5s}", converter = DurationConverter.class,
            description = "Redis command timeout, e.g. 500ms, 5s (env PACKETSTREAM_REDIS_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--namespace", paramLabel = "NAME",
            defaultValue = "${env:PACKETSTREAM_NAMESPACE:-" + KeySchema.DEFAULT_NAMESPACE + "}",
            description = "Prefix of every Redis key (env PACKETSTREAM_NAMESPACE; default ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--redis-ca", paramLabel = "PEM",
            defaultValue = "${env:PACKETSTREAM_REDIS_CA}",
            description = "CA certificates (PEM) to trust for a rediss:// URL, instead of the JDK's "
                    + "(env PACKETSTREAM_REDIS_CA)")
    Optional<Path> ca;

    @Option(names = "--redis-client-cert", paramLabel = "PEM", defaultValue = "${env:PACKETSTREAM_REDIS_CLIENT_CERT}",
            description = "Client certificate chain (PEM) for Redis's tls-auth-clients (env PACKETSTREAM_REDIS_CLIENT_CERT)")
    Optional<Path> clientCertificate;

    @Option(names = "--redis-client-key", paramLabel = "PEM", defaultValue = "${env:PACKETSTREAM_REDIS_CLIENT_KEY}",
            description = "Private key (PEM, PKCS#8) of --redis-client-cert (env PACKETSTREAM_REDIS_CLIENT_KEY)")
    Optional<Path> clientKey;

    public RedisOptions redisOptions() {
        return new RedisOptions(uris, timeout, new RedisTls(ca, clientCertificate, clientKey));
    }

    public KeySchema keySchema() {
        return new KeySchema(namespace);
    }
}

package io.packetstream.core.cli;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * The Redis flags every program takes, each with its environment variable.
 */
public final class RedisMixin {

    @Option(names = "--redis", split = ",", paramLabel = "URL",
            defaultValue = "${env:PACKETSTREAM_REDIS:-" + RedisOptions.DEFAULT_URI + "}",
            description = "Redis URL, redis:// or rediss:// (env PACKETSTREAM_REDIS; default " + RedisOptions.DEFAULT_URI
                    + "); several, comma-separated, are seeds of one Redis Cluster. A password belongs in the "
                    + "environment variable, not a flag others see in ps")
    List<String> uris;

    @Option(names = "--redis-timeout", paramLabel = "DURATION",
            defaultValue = "${env:PACKETSTREAM_REDIS_TIMEOUT:-5s}", converter = DurationConverter.class,
            description = "Redis command timeout, e.g. 500ms, 5s (env PACKETSTREAM_REDIS_TIMEOUT; default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--namespace", paramLabel = "NAME",
            defaultValue = "${env:PACKETSTREAM_NAMESPACE:-" + KeySchema.DEFAULT_NAMESPACE + "}",
            description = "Prefix of every Redis key (env PACKETSTREAM_NAMESPACE; default ${DEFAULT-VALUE})")
    String namespace;

    public RedisOptions redisOptions() {
        return new RedisOptions(uris, timeout);
    }

    public KeySchema keySchema() {
        return new KeySchema(namespace);
    }
}

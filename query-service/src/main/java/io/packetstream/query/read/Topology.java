package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Where an answer's data lives: the number of shards ({@code <ns>:config} field {@code shards}, 1 when absent)
 * and, per shard, the sensors to read (the shard's sensor set, or just the sensor asked for).
 */
record Topology(int shards, List<ShardSensor> pairs) {

    /** One sensor's index keys on one shard. */
    record ShardSensor(int shard, String sensor) {
    }

    private static final Comparator<ShardSensor> ORDER =
            Comparator.comparingInt(ShardSensor::shard).thenComparing(ShardSensor::sensor);

    Topology {
        pairs = List.copyOf(pairs);
    }

    List<Integer> shardList() {
        return IntStream.range(0, shards).boxed().toList();
    }

    static Mono<Integer> shardCount(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys) {
        return redis.hget(keys.config(), "shards")
                .map(value -> parseShards(new String(value, StandardCharsets.US_ASCII)))
                .defaultIfEmpty(1);
    }

    static Mono<Topology> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, Optional<String> sensor) {
        return shardCount(redis, keys).flatMap(shards -> read(redis, keys, sensor, shards));
    }

    /** @return the sensors of {@code shards} shards, the count read elsewhere ({@link ShardCount}) */
    static Mono<Topology> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, Optional<String> sensor,
                               int shards) {
        return Flux.range(0, shards)
                .flatMap(shard -> sensors(redis, keys, shard, sensor))
                .sort(ORDER)
                .collectList()
                .map(pairs -> new Topology(shards, pairs));
    }

    private static Flux<ShardSensor> sensors(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, int shard,
                                             Optional<String> sensor) {
        if (sensor.isPresent()) {
            return Flux.just(new ShardSensor(shard, sensor.get()));
        }
        // a sensor set holds one entry per sensor: small enough for one SMEMBERS
        return redis.smembers(keys.sensors(shard))
                .map(name -> new String(name, StandardCharsets.UTF_8))
                .filter(Topology::validName)
                .map(name -> new ShardSensor(shard, name));
    }

    static int parseShards(String text) {
        try {
            int shards = Integer.parseInt(text.trim());
            if (shards >= 1) {
                return shards;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalStateException("config field 'shards' holds '" + text + "', not a positive number");
    }

    private static boolean validName(String name) {
        try {
            KeySchema.checkName(name, "sensor");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

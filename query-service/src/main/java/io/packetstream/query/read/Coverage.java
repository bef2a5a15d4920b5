package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the index covers and who keeps it up, for {@code /health} and the dashboard's status strip: the sensors
 * seen on any shard (each shard's sensor set) and how many shards an indexer holds now (a lease key exists only
 * while its indexer renews it, so a dead indexer's shard stops counting once its lease runs out).
 *
 * @param sensors      sensor ids seen, sorted
 * @param shards       the deployment's shard count
 * @param shardsLeased shards whose lease an indexer holds
 */
public record Coverage(List<String> sensors, int shards, int shardsLeased) {

    public Coverage {
        sensors = List.copyOf(sensors);
    }

    static Mono<Coverage> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys) {
        return Topology.read(redis, keys, Optional.empty()).flatMap(topology -> {
            List<String> sensors = List.copyOf(new TreeSet<>(topology.pairs().stream()
                    .map(Topology.ShardSensor::sensor).toList()));
            return Flux.fromIterable(topology.shardList())
                    .flatMap(shard -> redis.exists(keys.lease(shard)))
                    .reduce(0L, Long::sum)
                    .map(leased -> new Coverage(sensors, topology.shards(), leased.intValue()));
        });
    }
}

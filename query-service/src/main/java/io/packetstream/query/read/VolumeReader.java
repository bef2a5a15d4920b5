package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Question 2: per sensor and shard, the day hashes {@code q2:<sensor>:<low>,<high>:<day>} of the days holding
 * indexed hours in the range, summed per minute over sensors and shards.
 */
final class VolumeReader {

    private final KeySchema keys;
    private final IndexFailures failures;

    VolumeReader(KeySchema keys, IndexFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    Mono<Answer> answer(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, Question.Volume question) {
        var range = question.scope().range();
        return SensorHours.readAll(redis, keys, topology, range).collectList().map(all -> {
            Flux<QueryResult> results = Flux.fromIterable(all)
                    .flatMap(hours -> Flux.fromIterable(hours.days()).flatMap(day -> {
                        String key = keys.volume(hours.where().shard(), hours.where().sensor(),
                                question.a(), question.b(), day);
                        // at most 2 × 1440 fields per day hash
                        return redis.hgetall(key).map(kv -> new Field(key, day, kv.getKey(), kv.getValue()));
                    }, 4), 8)
                    .collect(() -> new VolumeMinutes(range.firstMinute(), range.lastMinute()), this::add)
                    .flatMapIterable(VolumeMinutes::results);
            return new Answer(question, topology.shardList(), SensorHours.union(all), results, new ScanProgress());
        });
    }

    private record Field(String key, long day, String name, byte[] value) {
    }

    private void add(VolumeMinutes minutes, Field f) {
        try {
            minutes.add(f.day(), f.name(), f.value());
        } catch (IllegalArgumentException e) {
            failures.badMember("q2", f.key(), e);
        }
    }
}

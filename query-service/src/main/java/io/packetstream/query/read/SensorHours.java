package io.packetstream.query.read;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.core.time.TimeBuckets;
import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * The hours holding data of one sensor on one shard within a range ({@code hours:<sensor>}), and the minute and
 * hour buckets that cover the range's minutes over those hours. A range open on either side is thereby clamped
 * to the hours indexed.
 *
 * @param firstMinute first epoch minute overlapping the range
 * @param lastMinute  last epoch minute overlapping the range
 * @param hours       epoch hours with data that overlap the range, ascending
 */
record SensorHours(Topology.ShardSensor where, long firstMinute, long lastMinute, List<Long> hours) {

    SensorHours {
        hours = List.copyOf(hours);
    }

    static Mono<SensorHours> read(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys,
                                  Topology.ShardSensor where, TimeRange range) {
        long firstMinute = range.firstMinute();
        long lastMinute = range.lastMinute();
        Range<Long> hourRange = Range.create(Math.floorDiv(firstMinute, 60), Math.floorDiv(lastMinute, 60));
        // one member per hour of retention: bounded by the TTL of the index
        return redis.zrangebyscoreWithScores(keys.hours(where.shard(), where.sensor()), hourRange)
                .map(ScoredValue::getScore)
                .map(Double::longValue)
                .distinct()
                .sort()
                .collectList()
                .map(hours -> new SensorHours(where, firstMinute, lastMinute, hours));
    }

    static Flux<SensorHours> readAll(RedisClusterReactiveCommands<String, byte[]> redis, KeySchema keys, Topology topology,
                                     TimeRange range) {
        return Flux.fromIterable(topology.pairs()).flatMapSequential(where -> read(redis, keys, where, range), 16);
    }

    /** @return the fewest minute and hour buckets covering the range's minutes within the hours with data */
    List<TimeBucket> buckets() {
        return TimeBuckets.cover(firstMinute, lastMinute, hours);
    }

    /** @return the epoch days holding those hours, ascending */
    List<Long> days() {
        return hours.stream().map(h -> Math.floorDiv(h, 24)).distinct().toList();
    }

    /** @return the whole minutes read for the range, as capture times; empty when no hour holds data */
    Optional<TimeRange> coveredTimes() {
        List<TimeBucket> buckets = buckets();
        if (buckets.isEmpty()) {
            return Optional.empty();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TimeBucket b : buckets) {
            long start = b.index() * b.level().minutes();
            first = Math.min(first, start);
            last = Math.max(last, start + b.level().minutes() - 1);
        }
        return Optional.of(new TimeRange(first * CaptureTime.NANOS_PER_MINUTE,
                (last + 1) * CaptureTime.NANOS_PER_MINUTE - 1));
    }

    /** @return the smallest range holding all of them, or empty */
    static Optional<TimeRange> union(List<SensorHours> all) {
        return all.stream().map(SensorHours::coveredTimes).flatMap(Optional::stream)
                .reduce((a, b) -> new TimeRange(Math.min(a.from(), b.from()), Math.max(a.to(), b.to())));
    }
}

package io.packetstream.query.read;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * Question 6: every {@code hostPair(local, outside)} member of each bucket, grouped by local host
 * ({@link HostPairGathering}).
 */
final class OutsideTalkersReader extends MemberSetReader {

    OutsideTalkersReader(KeySchema keys, int pageSize, IndexFailures failures) {
        super(keys, pageSize, failures);
    }

    @Override
    String key(Topology.ShardSensor where, TimeBucket bucket) {
        return keys.outsideTalkers(where.shard(), where.sensor(), bucket);
    }

    @Override
    Flux<List<byte[]>> pages(RedisReactiveCommands<String, byte[]> redis, String key) {
        return RedisPages.setMemberPages(redis, key, pageSize);
    }

    @Override
    Gathering gathering() {
        return new HostPairGathering();
    }
}

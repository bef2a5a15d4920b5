package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * Question 6: every {@code hostPair(local, outside)} member of each bucket, grouped by local host
 * ({@link HostPairGathering}).
 */
final class OutsideTalkersReader extends MemberSetReader {

    OutsideTalkersReader(KeySchema keys, ReadSizes sizes, IndexFailures failures) {
        super(keys, sizes, failures);
    }

    @Override
    List<String> keys(Topology.ShardSensor where, TimeBucket bucket) {
        return List.of(keys.outsideTalkers(where.shard(), where.sensor(), bucket));
    }

    @Override
    Flux<ReplyStrings> pages(RedisClusterReactiveCommands<String, byte[]> redis, String key) {
        return RedisPages.setMembers(redis, key, sizes.wholeRead(), sizes.page());
    }

    @Override
    Gathering gathering() {
        return new HostPairGathering();
    }
}

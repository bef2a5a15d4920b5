package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

/**
 * Question 6: every {@code hostPair(local, outside)} member of each bucket's partitions, read together, grouped by
 * local host ({@link HostPairGathering}). A bucket's unpartitioned set, which indexers wrote before partitioning, is
 * read too until such keys have expired.
 */
final class OutsideTalkersReader extends MemberSetReader {

    OutsideTalkersReader(KeySchema keys, ReadSizes sizes, IndexFailures failures) {
        super(keys, sizes, failures);
    }

    @Override
    List<String> keys(Topology.ShardSensor where, TimeBucket bucket) {
        List<String> out = new ArrayList<>(KeySchema.OUTSIDE_TALKER_PARTITIONS + 1);
        for (int p = 0; p < KeySchema.OUTSIDE_TALKER_PARTITIONS; p++) {
            out.add(keys.outsideTalkers(where.shard(), where.sensor(), bucket, p));
        }
        out.add(keys.outsideTalkersUnpartitioned(where.shard(), where.sensor(), bucket));
        return out;
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

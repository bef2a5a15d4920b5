package io.packetstream.query.read;

import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.query.read.QueryResult.OutsideTalker;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Question 6: every {@code hostPair(local, outside)} member of each bucket, grouped by local host.
 */
final class OutsideTalkersReader extends MemberSetReader<OutsideTalkersReader.Pair> {

    record Pair(IpAddress local, IpAddress outside) {
    }

    OutsideTalkersReader(KeySchema keys, int pageSize, IndexFailures failures) {
        super(keys, pageSize, failures);
    }

    @Override
    String key(Topology.ShardSensor where, TimeBucket bucket) {
        return keys.outsideTalkers(where.shard(), where.sensor(), bucket);
    }

    @Override
    Flux<byte[]> members(RedisReactiveCommands<String, byte[]> redis, String key) {
        return RedisPages.setMembers(redis, key, pageSize);
    }

    @Override
    Pair decode(byte[] member) {
        IpAddress[] pair = IndexMembers.hostPairOf(member);
        return new Pair(pair[0], pair[1]);
    }

    @Override
    List<QueryResult> fold(Set<Pair> pairs) {
        TreeMap<IpAddress, TreeSet<IpAddress>> byLocal = new TreeMap<>();
        for (Pair p : pairs) {
            byLocal.computeIfAbsent(p.local(), h -> new TreeSet<>()).add(p.outside());
        }
        List<QueryResult> out = new ArrayList<>(byLocal.size());
        byLocal.forEach((host, peers) -> out.add(new OutsideTalker(host, List.copyOf(peers))));
        return out;
    }
}

package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.address.AddressClassifier;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.query.read.QueryResult.HostServices;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Question 4: every {@code service(H, p)} member of each bucket, grouped by host. Members that break the rule
 * (port {@link IndexMembers#WELL_KNOWN_PORT_LIMIT} or above, multicast or broadcast host) are left out even if an
 * indexer wrote them.
 */
final class ServicesReader extends MemberSetReader {

    ServicesReader(KeySchema keys, ReadSizes sizes, IndexFailures failures) {
        super(keys, sizes, failures);
    }

    @Override
    List<String> keys(Topology.ShardSensor where, TimeBucket bucket) {
        return List.of(keys.services(where.shard(), where.sensor(), bucket));
    }

    @Override
    Flux<ReplyStrings> pages(RedisClusterReactiveCommands<String, byte[]> redis, String key) {
        return RedisPages.setMembers(redis, key, sizes.wholeRead(), sizes.page());
    }

    @Override
    Gathering gathering() {
        return Gathering.distinct(IndexMembers::serviceOf, this::fold);
    }

    private List<QueryResult> fold(Set<Endpoint> services) {
        TreeMap<IpAddress, TreeSet<Integer>> byHost = new TreeMap<>();
        for (Endpoint e : services) {
            if (e.port() < IndexMembers.WELL_KNOWN_PORT_LIMIT
                    && !AddressClassifier.isMulticastOrBroadcast(e.address())) {
                byHost.computeIfAbsent(e.address(), h -> new TreeSet<>()).add(e.port());
            }
        }
        List<QueryResult> out = new ArrayList<>(byHost.size());
        byHost.forEach((host, ports) -> out.add(new HostServices(host, List.copyOf(ports))));
        return out;
    }
}

package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.address.IpAddress;
import io.packetstream.core.index.IndexMembers;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.time.TimeBucket;
import io.packetstream.query.read.QueryResult.Host;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Set;

/**
 * Question 3: the members {@code peer(X, P, H)} of each bucket, found by lex range on the prefix of X and P.
 */
final class PeersReader extends MemberSetReader {

    private final IpAddress host;
    private final byte[] from;
    private final byte[] to;

    PeersReader(KeySchema keys, ReadSizes sizes, IndexFailures failures, Question.ConnectedTo question) {
        super(keys, sizes, failures);
        this.host = question.host();
        this.from = IndexMembers.peerPrefix(question.host(), question.port());
        this.to = IndexMembers.peerPrefixEnd(question.host(), question.port());
    }

    @Override
    List<String> keys(Topology.ShardSensor where, TimeBucket bucket) {
        return List.of(keys.peers(where.shard(), where.sensor(), bucket, host));
    }

    @Override
    Flux<ReplyStrings> pages(RedisClusterReactiveCommands<String, byte[]> redis, String key) {
        return RedisPages.lexRangePages(redis, key, from, to, sizes.page()).map(ReplyStrings::of);
    }

    @Override
    Gathering gathering() {
        return Gathering.distinct(IndexMembers::peerOf, this::fold);
    }

    private List<QueryResult> fold(Set<IpAddress> hosts) {
        return hosts.stream().sorted().<QueryResult>map(Host::new).toList();
    }
}

package io.packetstream.query.read;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.models.stream.PendingMessages;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.ConsumerGroupInfo;
import io.packetstream.core.redis.StreamId;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The indexers' consumer group on one shard's stream: pending entries (XPENDING summary), the last entry delivered
 * and, on Redis 7, the lag (XINFO GROUPS). Redis 6.2 has no {@code lag}: it stays empty there.
 *
 * @param pending        entries delivered but not acknowledged
 * @param lowestPending  the oldest of those
 * @param lastDelivered  the newest entry handed to any indexer
 * @param lag            entries not yet delivered, when Redis knows it
 */
record IndexerGroupState(long pending, Optional<StreamId> lowestPending, Optional<StreamId> lastDelivered,
                         OptionalLong lag) {

    /** @return the group, or empty when the stream or the group does not exist (yet) */
    static Mono<IndexerGroupState> read(RedisClusterReactiveCommands<String, byte[]> redis, String stream) {
        Mono<Optional<PendingMessages>> pending = redis.xpending(stream, KeySchema.CONSUMER_GROUP)
                .map(Optional::of)
                .onErrorResume(IndexerGroupState::missing, e -> Mono.just(Optional.empty()))
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<ConsumerGroupInfo>> info = redis.xinfoGroups(stream).collectList()
                .map(groups -> ConsumerGroupInfo.find(groups, KeySchema.CONSUMER_GROUP))
                .onErrorResume(IndexerGroupState::missing, e -> Mono.just(Optional.empty()));
        return Mono.zip(pending, info).flatMap(t -> {
            if (t.getT1().isEmpty() && t.getT2().isEmpty()) {
                return Mono.empty();
            }
            long count = t.getT1().map(PendingMessages::getCount).orElse(0L);
            Optional<StreamId> lowest = t.getT1().filter(p -> p.getCount() > 0)
                    .flatMap(p -> p.getMessageIds().getLower().getValue() == null ? Optional.empty()
                            : Optional.of(StreamId.parse(p.getMessageIds().getLower().getValue())));
            Optional<StreamId> delivered = t.getT2().map(ConsumerGroupInfo::lastDelivered);
            OptionalLong lag = t.getT2().map(ConsumerGroupInfo::lag).orElse(OptionalLong.empty());
            return Mono.just(new IndexerGroupState(count, lowest, delivered, lag));
        });
    }

    /** @return the first entry no indexer has acknowledged: the oldest pending one, else the one after the last delivered */
    StreamId firstUnindexed() {
        StreamId afterDelivered = lastDelivered.map(StreamId::next).orElse(StreamId.MIN);
        return lowestPending.map(p -> StreamId.min(p, afterDelivered)).orElse(afterDelivered);
    }

    static boolean missing(Throwable e) {
        if (!(e instanceof RedisCommandExecutionException)) {
            return false;
        }
        String m = String.valueOf(e.getMessage());
        return m.startsWith("NOGROUP") || m.startsWith("ERR no such key");
    }
}

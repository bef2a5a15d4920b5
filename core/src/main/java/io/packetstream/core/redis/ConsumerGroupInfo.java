package io.packetstream.core.redis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One consumer group of a stream as {@code XINFO GROUPS} describes it. Parsed here once for every program that
 * watches the indexers' group (the indexer's gauges, the query service's freshness, the launcher's wait), from the
 * reply as plain lists: Redis 6.2 and 7, RESP2 and RESP3 read the same.
 *
 * @param name          the group's name
 * @param pending       entries delivered to a consumer but not acknowledged
 * @param lastDelivered the newest entry handed to any consumer, {@link StreamId#MIN} before the first
 * @param lag           entries not yet delivered; empty on Redis 6.2, which has no {@code lag}, and when Redis
 *                      cannot tell (after deletions)
 */
public record ConsumerGroupInfo(String name, long pending, StreamId lastDelivered, OptionalLong lag) {

    public ConsumerGroupInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastDelivered, "lastDelivered");
        Objects.requireNonNull(lag, "lag");
    }

    /**
     * @param xinfoGroups the reply of {@code XINFO GROUPS key}: one flat field, value list per group
     * @return the group called {@code group}, empty when the stream has no such group
     */
    public static Optional<ConsumerGroupInfo> find(List<?> xinfoGroups, String group) {
        Objects.requireNonNull(xinfoGroups, "xinfoGroups");
        Objects.requireNonNull(group, "group");
        for (Object g : xinfoGroups) {
            if (g instanceof List<?> fields
                    && group.equals(RawReply.field(fields, "name").map(RawReply::text).orElse(""))) {
                return Optional.of(parse(fields));
            }
        }
        return Optional.empty();
    }

    /** @param fields one group of an {@code XINFO GROUPS} reply */
    static ConsumerGroupInfo parse(List<?> fields) {
        return new ConsumerGroupInfo(
                RawReply.field(fields, "name").map(RawReply::text).orElse(""),
                number(fields, "pending").orElse(0),
                RawReply.field(fields, "last-delivered-id").map(RawReply::text).map(StreamId::parse)
                        .orElse(StreamId.MIN),
                number(fields, "lag"));
    }

    private static OptionalLong number(List<?> fields, String name) {
        Optional<Object> value = RawReply.field(fields, name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (value.get() instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        try {
            return OptionalLong.of(Long.parseLong(RawReply.text(value.get())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

package io.packetstream.indexer.consume;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.packetstream.core.redis.ConsumerGroupInfo;
import io.packetstream.core.redis.RawReply;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.StreamId;
import io.packetstream.indexer.write.StreamEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stream commands of the consumer loop, blocking, parsed from {@link RawReply} so that Redis 6.2 and 7 replies
 * and RESP2 and RESP3 all read the same. Call it from a thread that may block.
 */
final class StreamCommands {

    /** The cursor XAUTOCLAIM returns when it has scanned the whole pending list. */
    static final String SCAN_DONE = "0-0";

    private final RedisConnection connection;
    private final RedisClusterCommands<String, byte[]> redis;

    StreamCommands(RedisConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.redis = connection.sync();
    }

    /** The answer of XAUTOCLAIM JUSTID: where to go on, ids claimed, ids Redis dropped because the entry is gone. */
    record Claim(String next, List<String> ids, List<String> deleted) {
    }

    /** @return true when the group was created, false when it existed */
    boolean createGroup(String stream, String group) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
            return true;
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * XREADGROUP of one stream.
     *
     * @param id    {@code >} for new entries, else the id after which to read this consumer's pending entries
     * @param block how long to wait for new entries; empty for no BLOCK
     */
    List<StreamEntry> readGroup(String stream, String group, String consumer, int count, Optional<Duration> block,
                                String id) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(RedisConnections.CODEC)
                .add("GROUP").add(group).add(consumer).add("COUNT").add(count);
        block.ifPresent(b -> args.add("BLOCK").add(Math.max(1, b.toMillis())));
        args.add("STREAMS").addKey(stream).add(id);
        return readReply(redis.dispatch(CommandType.XREADGROUP, new RawReply(), args));
    }

    private static List<StreamEntry> readReply(Object reply) {
        if (!(reply instanceof List<?> streams) || streams.isEmpty()) {
            return List.of();
        }
        // RESP2: [[name, entries]]; RESP3: a map, flattened to [name, entries]
        List<?> first = streams.get(0) instanceof List<?> pair ? pair : streams;
        return entries(first.get(1));
    }

    /**
     * Several XREADGROUP {@code >} of {@code count} entries each, sent together (one round trip) and run by Redis one
     * after the other: a large batch read in calls that each stay short.
     */
    List<StreamEntry> readGroupNew(String stream, String group, String consumer, int count, int calls) {
        List<RedisFuture<Object>> replies = new ArrayList<>(calls);
        var async = connection.async();
        for (int i = 0; i < calls; i++) {
            CommandArgs<String, byte[]> args = new CommandArgs<>(RedisConnections.CODEC)
                    .add("GROUP").add(group).add(consumer).add("COUNT").add(count).add("STREAMS").addKey(stream).add(">");
            replies.add(async.dispatch(CommandType.XREADGROUP, new RawReply(), args));
        }
        List<StreamEntry> entries = new ArrayList<>();
        for (RedisFuture<Object> f : replies) {
            entries.addAll(readReply(LettuceFutures.awaitOrCancel(f,
                    connection.timeout().toNanos(), TimeUnit.NANOSECONDS)));
        }
        return entries;
    }

    /** XAUTOCLAIM … JUSTID: moves pending entries idle at least {@code minIdle} to {@code consumer}, ids only. */
    Claim autoClaim(String stream, String group, String consumer, Duration minIdle, String start, int count) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(RedisConnections.CODEC).addKey(stream).add(group)
                .add(consumer).add(minIdle.toMillis()).add(start).add("COUNT").add(count).add("JUSTID");
        List<?> reply = (List<?>) redis.dispatch(CommandType.XAUTOCLAIM, new RawReply(), args);
        List<String> deleted = new ArrayList<>();
        if (reply.size() > 2 && reply.get(2) instanceof List<?> gone) { // Redis 7 only
            gone.forEach(id -> deleted.add(RawReply.text(id)));
        }
        List<String> ids = new ArrayList<>();
        ((List<?>) reply.get(1)).forEach(id -> ids.add(RawReply.text(id)));
        return new Claim(RawReply.text(reply.get(0)), ids, deleted);
    }

    /** @return the group's state, empty when the stream or the group does not exist */
    Optional<ConsumerGroupInfo> group(String stream, String group) {
        try {
            return ConsumerGroupInfo.find((List<?>) redis.dispatch(CommandType.XINFO, new RawReply(),
                    new CommandArgs<>(RedisConnections.CODEC).add("GROUPS").addKey(stream)), group);
        } catch (RedisCommandExecutionException e) {
            return Optional.empty(); // ERR no such key
        }
    }

    /** @return the bytes Redis estimates the key takes (MEMORY USAGE, sampled), 0 when there is no such key */
    long memoryUsage(String key) {
        Object reply = redis.dispatch(CommandType.MEMORY, new RawReply(),
                new CommandArgs<>(RedisConnections.CODEC).add("USAGE").addKey(key));
        return reply instanceof Long bytes ? bytes : 0;
    }

    /** @return the id of the newest entry ever added to the stream, {@link StreamId#MIN} when there is no stream */
    StreamId lastGeneratedId(String stream) {
        try {
            return StreamId.lastGenerated((List<?>) redis.dispatch(CommandType.XINFO, new RawReply(),
                    new CommandArgs<>(RedisConnections.CODEC).add("STREAM").addKey(stream)));
        } catch (RedisCommandExecutionException e) {
            return StreamId.MIN;
        }
    }

    private static List<StreamEntry> entries(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        List<StreamEntry> entries = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof List<?> entry)) {
                continue; // a nil in place of an entry whose id Redis did not send: nothing to acknowledge
            }
            String id = RawReply.text(entry.get(0));
            if (entry.size() < 2 || !(entry.get(1) instanceof List<?> flat)) {
                entries.add(new StreamEntry(id, Optional.empty())); // deleted while pending
                continue;
            }
            Map<String, byte[]> fields = new LinkedHashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.putIfAbsent(RawReply.text(flat.get(i)), (byte[]) flat.get(i + 1));
            }
            entries.add(StreamEntry.of(id, fields));
        }
        return entries;
    }
}

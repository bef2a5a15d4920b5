package io.packetstream.indexer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.keys.NamespaceShards;
import io.packetstream.core.record.StreamEntryFields;
import io.packetstream.core.redis.LuaScript;
import io.packetstream.core.redis.RedisConnection;
import io.packetstream.core.redis.RedisConnections;
import io.packetstream.core.redis.RedisOptions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * {@code indexer --replay-dead-letters}: once what made entries fail is fixed (an indexer that reads a newer record
 * version, a sensor name corrected), moves every dead letter that still holds its sensor and payload back into its
 * shard's packet stream, where the indexers index it like any new entry. Each move is one atomic step
 * ({@code replay.lua}); letters without a payload (entries trimmed before they could be read) stay.
 */
public final class DeadLetterReplay {

    private static final LuaScript SCRIPT = LuaScript.load(DeadLetterReplay.class, "replay.lua");
    private static final int PAGE = 100;

    /**
     * @param replayed dead letters moved back into the packet streams
     * @param kept     dead letters left where they are, having no sensor or payload to replay
     */
    public record Result(long replayed, long kept) {
    }

    private DeadLetterReplay() {
    }

    /** @return what was moved and what was kept; nothing when the namespace has no shard count stored */
    public static Result replay(RedisOptions redis, KeySchema keys) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(keys, "keys");
        try (RedisConnections connections = new RedisConnections(redis);
             RedisConnection connection = connections.connect()) {
            RedisClusterCommands<String, byte[]> sync = connection.sync();
            int shards = NamespaceShards.stored(sync, keys).orElse(0);
            long replayed = 0;
            long kept = 0;
            for (int shard = 0; shard < shards; shard++) {
                String[] scriptKeys = {keys.stream(shard), keys.deadLetters(shard)};
                Range.Boundary<String> after = Range.Boundary.unbounded();
                List<StreamMessage<String, byte[]>> page;
                do {
                    page = sync.xrange(keys.deadLetters(shard), Range.from(after, Range.Boundary.unbounded()),
                            Limit.from(PAGE));
                    for (StreamMessage<String, byte[]> letter : page) {
                        byte[] sensor = letter.getBody().get(StreamEntryFields.SENSOR);
                        byte[] payload = letter.getBody().get(StreamEntryFields.PACKETS);
                        if (sensor == null || payload == null || payload.length == 0) {
                            kept++;
                            continue;
                        }
                        Long moved = sync.eval(SCRIPT.text(), ScriptOutputType.INTEGER, scriptKeys,
                                letter.getId().getBytes(StandardCharsets.US_ASCII), sensor, payload);
                        replayed += moved == null ? 0 : moved;
                    }
                    if (!page.isEmpty()) {
                        after = Range.Boundary.excluding(page.get(page.size() - 1).getId());
                    }
                } while (page.size() == PAGE);
            }
            return new Result(replayed, kept);
        }
    }
}

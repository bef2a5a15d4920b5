package io.packetstream.agent.publish;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.LuaScript;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The idempotent XADD ({@code publish.lua}): appends a batch to its shard stream only if this publisher has not
 * appended that batch's sequence number yet, so a batch sent again after its reply was lost (timeout, dropped
 * connection, Lettuce re-sending in-flight commands on reconnect) is stored exactly once. The last sequence of
 * each publisher lives in one hash per shard, {@code <ns>:{k}:publishers}, in the stream's cluster slot.
 *
 * <p>It also keeps the consumer group's backlog bounded: a shard stream never holds more than
 * {@link PublishOptions#maxLen()} entries the group {@link KeySchema#CONSUMER_GROUP} has not acknowledged (the
 * script answers {@link Outcome#FULL} instead of appending), and its {@code MAXLEN ~} trimming therefore only ever
 * removes acknowledged entries. The group's position is read inside the script when the caller asks
 * ({@code checkGroup}), at most every {@link #GROUP_CHECK_INTERVAL} per shard, and counted forward between reads.
 *
 * <p>Sent as EVALSHA; the caller sends the text (EVAL) instead for the first call and after a NOSCRIPT reply.
 */
final class PublishScript {

    /** How long a shard's publishers hash outlives its last append: dead publishers' fields go with it. */
    static final Duration PUBLISHERS_TTL = Duration.ofDays(1);

    static final String RESOURCE = "publish.lua";

    /**
     * How often a shard's call re-reads the group's position (XINFO GROUPS, inside the script): often enough that a
     * replay waiting at the cap resumes within a fraction of a second of the indexers' progress, rarely enough that
     * its cost is spread over hundreds of appends.
     */
    static final Duration GROUP_CHECK_INTERVAL = Duration.ofMillis(200);

    /** What one call did. */
    enum Outcome {
        /** Appended now. */
        APPENDED,
        /** Appended by an earlier attempt whose reply was lost; nothing done. */
        DUPLICATE,
        /** An earlier sequence of this publisher on the shard is missing; nothing done. */
        OUT_OF_ORDER,
        /**
         * The stream holds its cap of entries the group has not acknowledged: nothing appended; when dropping,
         * the sequence number is used up (the batch is lost for good and must be counted as dropped).
         */
        FULL
    }

    /**
     * A call's outcome and the sequence Redis held for the publisher before the call (0 for none); for
     * {@link Outcome#FULL} the number of unacknowledged entries the stream holds.
     */
    record Reply(Outcome outcome, long stored) {
    }

    private static final byte[] RESYNC = {'1'};
    private static final byte[] STRICT = {'0'};

    private static final LuaScript SCRIPT = LuaScript.load(PublishScript.class, RESOURCE);

    private final String[][] keys;
    private final byte[] publisher;
    private final byte[] maxLen;
    private final byte[] sensor;
    private final byte[] ttl;
    private final byte[] group;
    private final byte[] dropWhenFull;

    /**
     * @param publisherId this run's publisher id, unique among every agent that ever publishes to the namespace
     */
    PublishScript(KeySchema keys, PublishOptions options, String publisherId) {
        this.keys = new String[options.shards()][];
        for (int shard = 0; shard < options.shards(); shard++) {
            this.keys[shard] = new String[]{keys.stream(shard), keys.publishers(shard)};
        }
        this.publisher = ascii(publisherId);
        this.maxLen = ascii(Long.toString(options.maxLen()));
        this.sensor = options.sensor().getBytes(StandardCharsets.UTF_8);
        this.ttl = ascii(Long.toString(PUBLISHERS_TTL.toSeconds()));
        this.group = ascii(KeySchema.CONSUMER_GROUP);
        this.dropWhenFull = options.overflow() == PublishOptions.Overflow.DROP ? RESYNC : STRICT;
    }


    /**
     * Sends one batch; the reply arrives as {@code [1, id]}, {@code [0, stored]}, {@code [-1, stored]} or
     * {@code [-2, unacknowledged]}, see {@link #reply(List)}.
     *
     * @param load       send the script text (EVAL) rather than its digest
     * @param resync     accept any sequence above the stored one, not only the next: only when every earlier batch
     *                   of the shard was acknowledged, so a gap means Redis lost the stored sequence
     * @param checkGroup read the consumer group's position now rather than count on from the last reading
     */
    RedisFuture<List<Object>> send(RedisClusterAsyncCommands<String, byte[]> redis, ReadyBatch batch, boolean load,
                                   boolean resync, boolean checkGroup) {
        String[] k = keys[batch.shard()];
        byte[][] argv = {publisher, ascii(Long.toString(batch.shardSequence())), maxLen, sensor, batch.payload(), ttl,
                resync ? RESYNC : STRICT, checkGroup ? RESYNC : STRICT, group, dropWhenFull};
        return load ? redis.eval(SCRIPT.text(), ScriptOutputType.MULTI, k, argv)
                : redis.evalsha(SCRIPT.sha1(), ScriptOutputType.MULTI, k, argv);
    }

    /** @return what a reply of {@link #send} means */
    static Reply reply(List<Object> reply) {
        if (reply == null || reply.size() != 2 || !(reply.get(0) instanceof Long code)) {
            throw new IllegalStateException("the publish script answered " + reply);
        }
        if (code == 1) {
            return new Reply(Outcome.APPENDED, -1);
        }
        if (!(reply.get(1) instanceof Long stored) || code < -2 || code > 0) {
            throw new IllegalStateException("the publish script answered " + reply);
        }
        return new Reply(code == 0 ? Outcome.DUPLICATE : code == -1 ? Outcome.OUT_OF_ORDER : Outcome.FULL, stored);
    }



    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

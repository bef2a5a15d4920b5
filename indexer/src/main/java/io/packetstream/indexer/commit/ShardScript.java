package io.packetstream.indexer.commit;

import io.lettuce.core.RedisFuture;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.LuaScript;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link ShardCall}s of {@code shard.lua} for one shard and one owner: the script's keys and the two arguments
 * every call starts with (op, owner token) are put together here, the rest by the call itself.
 */
final class ShardScript {

    static final LuaScript SCRIPT = LuaScript.load(ShardScript.class, "shard.lua");

    private final Pipeline pipeline;
    private final String[] keys;
    private final byte[] owner;

    ShardScript(Pipeline pipeline, KeySchema keys, int shard, String owner) {
        this.pipeline = pipeline;
        this.keys = new String[]{keys.lease(shard), keys.journal(shard), keys.stream(shard), keys.deadLetters(shard)};
        this.owner = owner.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the script's answer: 1 done, 0 the lease is not this owner's (nothing changed), 2 already done */
    long run(ShardCall call) {
        return (Long) pipeline.eval(SCRIPT, keys(call), argv(call));
    }

    /**
     * Queues the call without waiting; the script must be loaded ({@link Pipeline#load}). Replies as {@link #run},
     * except {@link ShardCall.Write}: see the script.
     */
    RedisFuture<Object> send(ShardCall call) {
        return pipeline.evalShaAsync(SCRIPT, keys(call), argv(call));
    }

    private String[] keys(ShardCall call) {
        List<String> extra = call.keys();
        if (extra.isEmpty()) {
            return keys;
        }
        String[] all = java.util.Arrays.copyOf(keys, keys.length + extra.size());
        for (int i = 0; i < extra.size(); i++) {
            all[keys.length + i] = extra.get(i);
        }
        return all;
    }

    private List<byte[]> argv(ShardCall call) {
        List<byte[]> args = call.args(); // built once: a journal's are its whole encoding
        List<byte[]> argv = new ArrayList<>(2 + args.size());
        argv.add(new byte[]{(byte) call.op()});
        argv.add(owner);
        argv.addAll(args);
        return argv;
    }
}

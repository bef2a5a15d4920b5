package io.packetstream.core.keys;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.packetstream.core.PacketstreamException;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A namespace's shard count, hash {@code <ns>:config} field {@code shards}. It is chosen once, on purpose: the first
 * program told {@code --shards} stores it ({@code HSETNX}); every program told another count refuses to run, and
 * programs not told follow what is stored (docs/architecture.md, "Stream records").
 */
public final class NamespaceShards {

    public static final String FIELD = "shards";

    private NamespaceShards() {
    }

    /**
     * @return the stored count; empty when none is stored yet
     * @throws PacketstreamException when the stored value is no count from 1 to {@link KeySchema#MAX_SHARDS}
     */
    public static OptionalInt stored(RedisClusterCommands<String, byte[]> redis, KeySchema keys) {
        byte[] value = redis.hget(keys.config(), FIELD);
        if (value == null) {
            return OptionalInt.empty();
        }
        String text = new String(value, StandardCharsets.UTF_8);
        try {
            int shards = Integer.parseInt(text.trim());
            if (shards >= 1 && shards <= KeySchema.MAX_SHARDS) {
                return OptionalInt.of(shards);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PacketstreamException(keys.config() + " field " + FIELD + " is '" + text
                + "', not a shard count between 1 and " + KeySchema.MAX_SHARDS);
    }

    /**
     * Stores {@code shards} unless a count is stored already.
     *
     * @return {@code shards} when this call stored it; otherwise the count stored before, which may differ
     */
    public static Claim claim(RedisClusterCommands<String, byte[]> redis, KeySchema keys, int shards) {
        if (shards < 1 || shards > KeySchema.MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be 1 to " + KeySchema.MAX_SHARDS + ", was " + shards);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Boolean.TRUE.equals(redis.hsetnx(keys.config(), FIELD,
                    Integer.toString(shards).getBytes(StandardCharsets.US_ASCII)))) {
                return new Claim(shards, true);
            }
            OptionalInt stored = stored(redis, keys);
            if (stored.isPresent()) {
                return new Claim(stored.getAsInt(), false);
            }
            // deleted between the two commands: try to store it again
        }
        throw new PacketstreamException(keys.config() + " " + FIELD + " keeps disappearing; is something deleting it?");
    }

    /**
     * @param shards  the count stored now
     * @param created true when this claim stored it
     */
    public record Claim(int shards, boolean created) {
    }

    /** @return why a program told {@code told} shards cannot run in a namespace set up with {@code stored} */
    public static String mismatch(KeySchema keys, int stored, int told) {
        return "namespace '" + keys.namespace() + "' is set up for " + stored + " shard(s) (" + keys.config() + " "
                + FIELD + "=" + stored + ") but this program was started with --shards " + told + "; start it with "
                + "--shards " + stored + ", without --shards, or use another --namespace";
    }
}

package io.packetstream.indexer.write;

/**
 * The kinds of index write the commit script knows. Each {@link KeyWrite} applies one of them to one key; the
 * {@link #code()} is the letter the script dispatches on, {@link #redisType()} the type the key must have (or be
 * absent) before the script writes anything.
 */
public enum WriteOp {
    /** {@code SADD key member…}; args: members. */
    SET_ADD('S', "set"),
    /** {@code ZADD key score member…}; args: score, member pairs. */
    SORTED_ADD('Z', "zset"),
    /** {@code ZADD key LT score member…}: keeps the lowest score; args: score, member pairs. */
    SCORE_MIN('L', "zset"),
    /** {@code ZADD key GT score member…}: keeps the highest score; args: score, member pairs. */
    SCORE_MAX('G', "zset"),
    /** {@code HINCRBY key field n} per pair; args: field, increment pairs. */
    HASH_INCREMENT('I', "hash"),
    /** Merges 8-byte {@code ActiveWindow} values (min first, max last); args: field, window pairs. */
    WINDOW_MERGE('W', "hash"),
    /** The shard's freshness hash: min {@code oldest}, max {@code newest} (µs), add {@code packets}; 3 args. */
    META('M', "hash");

    private final char code;
    private final String redisType;

    WriteOp(char code, String redisType) {
        this.code = code;
        this.redisType = redisType;
    }

    public char code() {
        return code;
    }

    /** @return what {@code TYPE key} must answer for the key (or {@code none}) */
    public String redisType() {
        return redisType;
    }
}

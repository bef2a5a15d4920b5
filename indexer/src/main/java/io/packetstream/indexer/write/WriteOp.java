package io.packetstream.indexer.write;

/**
 * What a batch does to one index key ({@link KeyWrite}), aggregated; the shard writer turns each into idempotent
 * Redis commands (docs/architecture.md, "Committing a batch").
 */
public enum WriteOp {
    /** Add members to a set; args: members. */
    SET_ADD,
    /** Add members to a sorted set; args: score, member pairs. */
    SORTED_ADD,
    /** Keep the lowest score of each member ({@code ZADD LT}); args: score, member pairs. */
    SCORE_MIN,
    /** Keep the highest score of each member ({@code ZADD GT}); args: score, member pairs. */
    SCORE_MAX,
    /** Add to per-minute totals ({@code p<minuteOfDay>}, {@code b<minuteOfDay>}); args: field, increment pairs. */
    HASH_INCREMENT,
    /** Widen 8-byte {@code ActiveWindow} values (min first, max last); args: field, window pairs. */
    WINDOW_MERGE,
    /** The shard's freshness hash: min {@code oldest}, max {@code newest} (µs), add {@code packets}; 3 args. */
    META
}

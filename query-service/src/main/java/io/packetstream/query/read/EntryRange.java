package io.packetstream.query.read;

import io.packetstream.core.redis.StreamId;
import io.packetstream.core.time.TimeRange;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The stream entries question 5 scans on one shard for a time range.
 *
 * <p>No range: the whole stream. Otherwise the {@code q5} zsets give, for the minutes of the range, the lowest
 * ({@code first}) and highest ({@code last}) entry millisecond holding one of their packets. When the range ends
 * after the newest capture time indexed, packets of the range may still wait for an indexer: the scan then runs
 * to the end of the stream, starting no later than the first entry not yet acknowledged.
 *
 * @param start first entry id, inclusive
 * @param end   {@code +} (end of stream) or a millisecond (every entry id of it, inclusive)
 */
record EntryRange(StreamId start, String end) {

    static final EntryRange WHOLE_STREAM = new EntryRange(StreamId.MIN, "+");

    /**
     * @param range          the capture times asked; over all time (one sensor's answer: the whole stream is the
     *                       caller's own choice) the scan runs from that sensor's first indexed entry, or the first
     *                       unindexed one if earlier, to the end
     * @param firstMs        lowest {@code first} score over the range's minutes, if any is indexed
     * @param lastMs         highest {@code last} score over them
     * @param beyondIndexed  whether the range ends after the newest capture time indexed on the shard
     * @param firstUnindexed the first entry no indexer acknowledged (the stream's start when unknown)
     * @return the entries to scan, or empty when none can hold a packet of the range
     */
    static Optional<EntryRange> of(TimeRange range, OptionalLong firstMs, OptionalLong lastMs, boolean beyondIndexed,
                                   StreamId firstUnindexed) {
        if (beyondIndexed || !range.isBounded()) {
            StreamId start = firstMs.isPresent()
                    ? StreamId.min(new StreamId(firstMs.getAsLong(), 0), firstUnindexed) : firstUnindexed;
            return Optional.of(new EntryRange(start, "+"));
        }
        if (firstMs.isEmpty() || lastMs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EntryRange(new StreamId(firstMs.getAsLong(), 0), Long.toString(lastMs.getAsLong())));
    }
}

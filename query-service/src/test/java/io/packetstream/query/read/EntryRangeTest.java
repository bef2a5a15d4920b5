package io.packetstream.query.read;

import io.packetstream.core.redis.StreamId;
import io.packetstream.core.time.TimeRange;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryRangeTest {

    private static final TimeRange SOME = new TimeRange(1, 2);
    private static final StreamId UNINDEXED = new StreamId(5_000, 3);

    @Test
    void allTimeScansToTheEndFromTheEarlierOfTheFirstIndexedEntryAndTheFirstUnindexed() {
        assertEquals(Optional.of(new EntryRange(new StreamId(1_000, 0), "+")),
                EntryRange.of(TimeRange.ALL, OptionalLong.of(1_000), OptionalLong.of(4_000), false, UNINDEXED));
        assertEquals(Optional.of(new EntryRange(UNINDEXED, "+")),
                EntryRange.of(TimeRange.ALL, OptionalLong.of(9_000), OptionalLong.of(9_500), false, UNINDEXED));
        assertEquals(Optional.of(new EntryRange(UNINDEXED, "+")),
                EntryRange.of(TimeRange.ALL, OptionalLong.empty(), OptionalLong.empty(), false, UNINDEXED));
    }

    @Test
    void anIndexedRangeScansFromTheFirstToTheLastEntryOfItsMinutes() {
        assertEquals(Optional.of(new EntryRange(new StreamId(1_000, 0), "4000")),
                EntryRange.of(SOME, OptionalLong.of(1_000), OptionalLong.of(4_000), false, UNINDEXED));
    }

    @Test
    void aRangeWithNothingIndexedAndNothingPendingScansNothing() {
        assertEquals(Optional.empty(), EntryRange.of(SOME, OptionalLong.empty(), OptionalLong.empty(), false, UNINDEXED));
    }

    @Test
    void aRangeEndingAfterTheIndexScansToTheEndFromTheEarlierOfItsFirstEntryAndTheFirstUnindexed() {
        assertEquals(Optional.of(new EntryRange(new StreamId(1_000, 0), "+")),
                EntryRange.of(SOME, OptionalLong.of(1_000), OptionalLong.of(4_000), true, UNINDEXED));
        assertEquals(Optional.of(new EntryRange(UNINDEXED, "+")),
                EntryRange.of(SOME, OptionalLong.of(9_000), OptionalLong.of(9_500), true, UNINDEXED));
        assertEquals(Optional.of(new EntryRange(UNINDEXED, "+")),
                EntryRange.of(SOME, OptionalLong.empty(), OptionalLong.empty(), true, UNINDEXED));
    }

    @Test
    void streamIdsOrderAndStepLikeRedis() {
        assertTrue(StreamId.parse("10-2").compareTo(StreamId.parse("9-99")) > 0);
        assertTrue(StreamId.parse("18446744073709551615-0").compareTo(StreamId.parse("1-0")) > 0, "unsigned");
        assertEquals("10-3", StreamId.parse("10-2").next().toString());
        assertEquals("11-0", StreamId.parse("10-18446744073709551615").next().toString());
        assertEquals(new StreamId(7, 0), StreamId.parse("7"));
        assertThrows(IllegalArgumentException.class, () -> StreamId.parse("x-1"));
    }

    @Test
    void theFirstUnindexedEntryIsTheOldestPendingOrTheOneAfterTheLastDelivered() {
        IndexerGroupState none = new IndexerGroupState(0, Optional.empty(), Optional.of(new StreamId(9, 1)), OptionalLong.empty());
        assertEquals(new StreamId(9, 2), none.firstUnindexed());
        IndexerGroupState pending = new IndexerGroupState(2, Optional.of(new StreamId(5, 0)), Optional.of(new StreamId(9, 1)),
                OptionalLong.of(0));
        assertEquals(new StreamId(5, 0), pending.firstUnindexed());
        assertEquals(StreamId.MIN, new IndexerGroupState(0, Optional.empty(), Optional.empty(), OptionalLong.empty())
                .firstUnindexed());
    }
}

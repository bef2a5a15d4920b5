package io.packetstream.query.live;

import io.packetstream.core.redis.StreamId;
import io.packetstream.query.live.ChangeCursor.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeCursorTest {

    @Test
    void anEventIdNamesEveryShardsPositionInShardOrder() {
        ChangeCursor c = ChangeCursor.parse("1795253892000-0.3,0-0.0");
        assertEquals(List.of(new Position(new StreamId(1_795_253_892_000L, 0), 3), Position.START), c.positions());
        assertEquals("1795253892000-0.3,0-0.0", c.toString());
        assertEquals("18446744073709551615-18446744073709551615.999999999",
                ChangeCursor.parse("18446744073709551615-18446744073709551615.999999999").toString());
    }

    @Test
    void aQuestion5IdMayStandInsideAnEvent() {
        ChangeCursor c = ChangeCursor.parse("7-0.2.3,0-0.0");
        assertEquals(new Position(StreamId.parse("7-0"), 2, 3), c.position(0));
        assertEquals("7-0.2.3,0-0.0", c.toString());
        assertTrue(new Position(StreamId.parse("7-0"), 2, 3).compareTo(new Position(StreamId.parse("7-0"), 3)) < 0);
        assertTrue(new Position(StreamId.parse("7-0"), 2, 3).compareTo(new Position(StreamId.parse("7-0"), 2)) > 0);
    }

    @Test
    void positionsOrderByEntryThenEventsDone() {
        Position a = new Position(StreamId.parse("5-0"), 9);
        Position b = new Position(StreamId.parse("5-1"), 0);
        assertTrue(a.compareTo(b) < 0);
        assertTrue(new Position(StreamId.parse("5-1"), 1).compareTo(b) > 0);
        assertTrue(Position.START.compareTo(a) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "1-0", "1.0", "1-0.", "1-0.-1", "1-0.0,", ",1-0.0", "1-0.0;2-0.0",
            "a-0.0", "1-0.1234567890", "18446744073709551616-0.0", "1-0.0,,2-0.0", "1-0.0.", "1-0.0.1.2"})
    void refusesWhatIsNoEventId(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeCursor.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void refusesAbsurdlyManyShards() {
        String many = String.join(",", java.util.Collections.nCopies(io.packetstream.core.keys.KeySchema.MAX_SHARDS + 1, "0-0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChangeCursor.parse(many)).getMessage()
                .contains("more than"));
    }
}

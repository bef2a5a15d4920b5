package io.packetstream.core.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamIdTest {

    @Test
    void idsOrderAsUnsignedNumbersNotAsText() {
        // "10-0" sorts before "9-0" as text; Redis orders by the numbers
        assertTrue(StreamId.parse("10-0").isAfter(StreamId.parse("9-0")));
        assertTrue(StreamId.parse("5-10").isAfter(StreamId.parse("5-9")));
        // 2^64-1, the largest millisecond Redis accepts, is above every signed long
        assertTrue(StreamId.parse("18446744073709551615-0").isAfter(StreamId.parse("9223372036854775807-0")));
    }

    @Test
    void textRoundTripsAndMsAloneMeansSequenceZero() {
        assertEquals("1526919030474-55", StreamId.parse("1526919030474-55").toString());
        assertEquals("18446744073709551615-18446744073709551615",
                StreamId.parse("18446744073709551615-18446744073709551615").toString());
        assertEquals(new StreamId(7, 0), StreamId.parse("7"));
    }

    @Test
    void nextCarriesIntoTheMillisecondWhenTheSequenceIsFull() {
        assertEquals("7-1", StreamId.parse("7-0").next().toString());
        assertEquals("8-0", StreamId.parse("7-18446744073709551615").next().toString());
    }

    @Test
    void textThatIsNoIdIsRefused() {
        for (String bad : List.of("", "-", "1-", "-1", "a-1", "1-2-3", "1--2", "18446744073709551616-0", " 1-0")) {
            assertThrows(IllegalArgumentException.class, () -> StreamId.parse(bad), bad);
        }
    }

    @Test
    void lastGeneratedIdIsReadFromXinfoStreamAndIsMinForAFreshStream() {
        List<Object> reply = List.of(bytes("length"), 2L, bytes("last-generated-id"), bytes("1638125141232-0"));
        assertEquals(new StreamId(1638125141232L, 0), StreamId.lastGenerated(reply));
        assertEquals(StreamId.MIN, StreamId.lastGenerated(List.of(bytes("length"), 0L)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

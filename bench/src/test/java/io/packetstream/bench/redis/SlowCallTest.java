package io.packetstream.bench.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowCallTest {

    @Test
    void entryOfSlowlogGetIsRead() {
        List<Object> entry = List.of(7L, 1796297317L, 85_300L,
                List.of("evalsha".getBytes(StandardCharsets.UTF_8), "3f2a".getBytes(StandardCharsets.UTF_8), "2"),
                "127.0.0.1:43768", "");
        SlowCall call = SlowCall.parse(entry);
        assertEquals(85_300L, call.micros());
        assertEquals(List.of("evalsha", "3f2a", "2"), call.args());
        assertEquals("evalsha:3f2a", call.command(), "scripts are told apart by their SHA");
        assertEquals("hgetall", new SlowCall(1, List.of("HGETALL", "k")).command());
        assertEquals("85.3 ms evalsha 3f2a 2", call.describe());
    }

    @Test
    void binaryArgumentsAreShownAsTheirLengthAndLongCommandsAreCut() {
        SlowCall call = new SlowCall(1500, List.of("xadd", "k", "\u0001\u0002\u0003", "x".repeat(300)));
        String text = call.describe();
        assertTrue(text.startsWith("1.5 ms xadd k <3 bytes> xxx"), text);
        assertEquals(SlowCall.DESCRIBE_CHARS, text.length());
        assertTrue(text.endsWith("…"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SlowCall.parse(List.of(1L, 2L)));
    }

    @Test
    void summaryNamesTheCountAndTheLongestCall() {
        SlowLogSummary none = new SlowLogSummary(1000, 0, false, Map.of(), List.of());
        assertEquals("no call > 1 ms", none.headline());
        Map<String, Long> byCommand = new LinkedHashMap<>();
        byCommand.put("evalsha", 2L);
        byCommand.put("xadd", 1L);
        SlowLogSummary some = new SlowLogSummary(1000, 3, false, byCommand,
                List.of(new SlowCall(4200, List.of("EVALSHA", "ab"))));
        assertEquals("3 call(s) > 1 ms (evalsha 2, xadd 1), longest 4.2 ms EVALSHA ab", some.headline());
    }
}

package io.packetstream.query.live;

import io.lettuce.core.StreamMessage;
import io.packetstream.core.change.ChangeEntryFormat;
import io.packetstream.core.change.ChangeEvent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeEntryTest {

    private static final ChangeEvent FIRST = new ChangeEvent.EntryIndexed("s1", "1-1");
    private static final ChangeEvent SECOND = new ChangeEvent.EntryIndexed("s2", "1-2");
    private static final ChangeEvent THIRD = new ChangeEvent.EntryIndexed("s1", "1-3");

    @Test
    void eventsComeInFieldOrderWhateverOrderRedisListsTheFields() {
        List<byte[]> blocks = ChangeEntryFormat.encode(List.of(FIRST, SECOND, THIRD));
        Map<String, byte[]> body = new LinkedHashMap<>();
        body.put("2", blocks.get(2));
        body.put("0", blocks.get(0));
        body.put("1", blocks.get(1));
        ChangeEntry entry = ChangeEntry.parse(0, new StreamMessage<>("k", "5-0", body), bad -> {
            throw new AssertionError(bad);
        });
        assertEquals(List.of(Optional.of(FIRST), Optional.of(SECOND), Optional.of(THIRD)), entry.events());
    }

    @Test
    void aFieldThatIsNoBlockIsReportedAndTheOthersAreServed() {
        Map<String, byte[]> body = new LinkedHashMap<>();
        body.put("0", ChangeEntryFormat.encode(List.of(FIRST)).get(0));
        body.put("1", "E s1 1-2".getBytes(StandardCharsets.US_ASCII)); // the text form of earlier versions
        body.put("2", ChangeEntryFormat.encode(List.of(THIRD)).get(0));
        List<String> bad = new ArrayList<>();
        ChangeEntry entry = ChangeEntry.parse(0, new StreamMessage<>("k", "5-0", body), bad::add);
        assertEquals(List.of(Optional.of(FIRST), Optional.of(THIRD)), entry.events());
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).startsWith("change entry 5-0 field 1: "), bad.get(0));
    }
}

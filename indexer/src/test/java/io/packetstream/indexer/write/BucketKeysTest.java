package io.packetstream.indexer.write;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BucketKeysTest {

    @Test
    void aNameIsBuiltOncePerSensorBucketAndSlot() {
        BucketKeys keys = new BucketKeys(4);
        List<String> built = new ArrayList<>();
        String first = keys.get("s1", 10, 2, slot -> {
            built.add("s1:10:" + slot);
            return "s1:10:" + slot;
        });
        assertSame(first, keys.get("s1", 10, 2, slot -> "rebuilt"));
        assertEquals("s1:10:3", keys.get("s1", 10, 3, slot -> "s1:10:" + slot));
        assertEquals("s1:11:2", keys.get("s1", 11, 2, slot -> "s1:11:" + slot), "a new bucket");
        assertEquals("s2:11:2", keys.get("s2", 11, 2, slot -> "s2:11:" + slot), "another sensor");
        assertEquals("s1:10:2 again", keys.get("s1", 10, 2, slot -> "s1:10:2 again"), "only the last bucket is kept");
        assertEquals(List.of("s1:10:2"), built);
    }
}

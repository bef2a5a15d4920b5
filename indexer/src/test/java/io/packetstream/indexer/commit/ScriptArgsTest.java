package io.packetstream.indexer.commit;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.BatchStats;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.KeyWrite;
import io.packetstream.indexer.write.WriteOp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScriptArgsTest {

    private static final KeySchema KEYS = new KeySchema("t");
    private static final ScriptArgs.Settings SETTINGS = new ScriptArgs.Settings(KEYS, "indexers", "c1", 604800, 1000);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void layoutIsHeaderIdsDeadLettersThenOneTokenAndItsArgumentsPerKey() {
        byte[] binary = {0, (byte) 0xFF, 10};
        IndexBatch batch = new IndexBatch(2, List.of("1-0", "1-1"),
                List.of(new DeadLetter("1-1", "unreadable", "bad", b("s1"), binary)),
                List.of(new KeyWrite("t:{2}:sensors", WriteOp.SET_ADD, List.of(b("s1"))),
                        new KeyWrite("t:{2}:x", WriteOp.HASH_INCREMENT, List.of(b("p1"), b("3"), b("b1"), b("99")))),
                new BatchStats(1, 0, Map.of(), OptionalLong.empty()));

        ScriptArgs args = ScriptArgs.encode(batch, SETTINGS);

        assertEquals(List.of("t:{2}:packets", "t:{2}:dead", "t:{2}:sensors", "t:{2}:x"), List.of(args.keys()));
        List<String> argv = Arrays.stream(args.argv()).map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
        assertEquals(List.of("indexers", "c1", "604800", "1000", "2", "1-0", "1-1", "1", "1-1", "unreadable: bad", "s1",
                new String(binary, StandardCharsets.ISO_8859_1), "2", "S1", "s1", "I4", "p1", "3", "b1", "99"), argv);
    }

    @Test
    void aKeyWrittenTwiceIsABug() {
        IndexBatch batch = new IndexBatch(0, List.of("1-0"), List.of(),
                List.of(new KeyWrite("k", WriteOp.SET_ADD, List.of(b("a"))), new KeyWrite("k", WriteOp.SET_ADD, List.of(b("b")))),
                new BatchStats(0, 0, Map.of(), OptionalLong.empty()));
        assertThrows(IllegalArgumentException.class, () -> ScriptArgs.encode(batch, SETTINGS));
    }
}

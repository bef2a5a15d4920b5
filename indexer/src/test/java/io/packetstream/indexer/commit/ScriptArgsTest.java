package io.packetstream.indexer.commit;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.BatchStats;
import io.packetstream.indexer.write.ChangeTag;
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
    private static final ScriptArgs.Settings SETTINGS = new ScriptArgs.Settings(KEYS, "indexers", "c1", 604800, 1000, 500);
    private static final BatchStats STATS = new BatchStats(1, 0, Map.of(), OptionalLong.empty());

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> argv(ScriptArgs args) {
        return Arrays.stream(args.argv()).map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }

    private static IndexBatch batch(List<KeyWrite> writes) {
        return new IndexBatch(0, List.of("1-0"), List.of(), writes, List.of(new ChangeEvent.EntryIndexed("s1", "1-0")),
                STATS);
    }

    @Test
    void layoutIsHeaderIdsDeadLettersOpsThenTheChangeSection() {
        byte[] binary = {0, (byte) 0xFF, 10};
        IndexBatch batch = new IndexBatch(2, List.of("1-0", "1-1"),
                List.of(new DeadLetter("1-1", "unreadable", "bad", b("s1"), binary)),
                List.of(new KeyWrite("t:{2}:sensors", WriteOp.SET_ADD, List.of(b("s1"))),
                        new KeyWrite("t:{2}:x", WriteOp.HASH_INCREMENT, List.of(b("p1"), b("3"), b("b1"), b("99")))),
                List.of(new ChangeEvent.EntryIndexed("s1", "1-0")), STATS);

        ScriptArgs args = ScriptArgs.encode(batch, SETTINGS);

        assertEquals(List.of("t:{2}:packets", "t:{2}:dead", "t:{2}:changes", "t:{2}:sensors", "t:{2}:x"),
                List.of(args.keys()));
        assertEquals(List.of("indexers", "c1", "604800", "1000", "2", "1-0", "1-1", "1", "1-1", "unreadable: bad", "s1",
                new String(binary, StandardCharsets.ISO_8859_1), "2", "S1", "s1", "I4", "p1", "3", "b1", "99",
                "500", "t:{2}:q1:", "t:{2}:sensors", "0", "1", "E s1 1-0"), argv(args));
    }

    @Test
    void taggedWritesTellTheScriptWhichEventsTheyAnnounce() {
        IpAddress low = IpAddress.parse("10.0.0.1");
        IpAddress high = IpAddress.parse("10.0.0.2");
        IndexBatch batch = batch(List.of(
                new KeyWrite("t:{0}:hours:s1", WriteOp.SORTED_ADD, List.of(b("7"), b("7"))),
                new KeyWrite(KEYS.activeConnections(0, "s1", 1795253892), WriteOp.WINDOW_MERGE, List.of(b("c"), b("w")),
                        new ChangeTag.Windows("s1", 1795253892)),
                new KeyWrite("t:{0}:v", WriteOp.HASH_INCREMENT, List.of(b("p5"), b("1")),
                        new ChangeTag.Totals("s1", low, high, 20778)),
                new KeyWrite("t:{0}:m", WriteOp.SET_ADD, List.of(b("m")),
                        new ChangeTag.NewMembers(ChangeTag.NewMembers.SERVICE, "s1", 29920898))));

        List<String> argv = argv(ScriptArgs.encode(batch, SETTINGS));

        List<String> changes = argv.subList(argv.indexOf("t:{0}:sensors") + 1, argv.size());
        assertEquals(List.of("3",
                "2", "s1", "1795253892",
                "3", "V s1 10.0.0.1 10.0.0.2 ", Long.toString(20778L * 1440),
                "4", "S s1 29920898 ", "",
                "1", "E s1 1-0"), changes);
    }

    @Test
    void withoutAChangeStreamNoTagsOrEntryEventsAreSent() {
        IndexBatch batch = batch(List.of(new KeyWrite(KEYS.activeConnections(0, "s1", 5), WriteOp.WINDOW_MERGE,
                List.of(b("c"), b("w")), new ChangeTag.Windows("s1", 5))));
        ScriptArgs.Settings off = new ScriptArgs.Settings(KEYS, "indexers", "c1", 60, 1000, 0);
        List<String> argv = argv(ScriptArgs.encode(batch, off));
        assertEquals(List.of("0", "t:{0}:q1:", "t:{0}:sensors", "0", "0"), argv.subList(argv.size() - 5, argv.size()));
    }

    @Test
    void windowsMustComeInAscendingSecondsUnderTheirOwnKey() {
        KeyWrite later = new KeyWrite(KEYS.activeConnections(0, "s1", 6), WriteOp.WINDOW_MERGE, List.of(),
                new ChangeTag.Windows("s1", 6));
        KeyWrite earlier = new KeyWrite(KEYS.activeConnections(0, "s1", 5), WriteOp.WINDOW_MERGE, List.of(),
                new ChangeTag.Windows("s1", 5));
        assertThrows(IllegalArgumentException.class, () -> ScriptArgs.encode(batch(List.of(later, earlier)), SETTINGS));
        KeyWrite misnamed = new KeyWrite(KEYS.activeConnections(0, "s2", 5), WriteOp.WINDOW_MERGE, List.of(),
                new ChangeTag.Windows("s1", 5));
        assertThrows(IllegalArgumentException.class, () -> ScriptArgs.encode(batch(List.of(misnamed)), SETTINGS));
    }

    @Test
    void aKeyWrittenTwiceIsABug() {
        IndexBatch batch = batch(List.of(new KeyWrite("k", WriteOp.SET_ADD, List.of(b("a"))),
                new KeyWrite("k", WriteOp.SET_ADD, List.of(b("b")))));
        assertThrows(IllegalArgumentException.class, () -> ScriptArgs.encode(batch, SETTINGS));
    }

    @Test
    void aKeyWhoseTtlIsNotDueCarriesItsCodeInLowerCase() {
        IndexBatch batch = batch(List.of(new KeyWrite("t:{0}:sensors", WriteOp.SET_ADD, List.of(b("s1"))),
                new KeyWrite("t:{0}:meta", WriteOp.META, List.of(b("1"), b("2"), b("3")))));
        List<String> argv = argv(ScriptArgs.encode(batch, SETTINGS, key -> key.endsWith("meta")));
        int ops = argv.indexOf("2"); // w, after n = 1, the id and d = 0
        assertEquals(List.of("2", "s1", "s1", "M3", "1", "2", "3"), argv.subList(ops, ops + 7));
    }
}

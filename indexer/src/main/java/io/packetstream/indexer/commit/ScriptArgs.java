package io.packetstream.indexer.commit;

import io.packetstream.core.change.ChangeEvent;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.ChangeTag;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.KeyWrite;
import io.packetstream.indexer.write.WriteOp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Encodes a batch as the KEYS and ARGV of {@code commit.lua}. Binary members travel as they are: Lua strings hold
 * bytes. The layout (also at the top of the script):
 * <pre>
 * KEYS  packet stream, dead-letter stream, change stream, then the key of each op
 * ARGV  group, consumer, TTL seconds, dead-letter MAXLEN
 *       n, n entry ids                                  (pending for the consumer, acknowledged)
 *       d, d × (entry id, reason, sensor, payload)      (dead letters)
 *       w, w × ("&lt;code&gt;&lt;count&gt;", count arguments)       (ops, see {@link WriteOp}; the code in lower case
 *                                                        when the key's TTL was set recently: EXPIRE only if new)
 *       change MAXLEN (0 = no change events), q1 key prefix "&lt;ns&gt;:{k}:q1:", sensors set key
 *       t, t × (op index from 1, a, b)                  (ops announcing events, ascending; see {@link ChangeTag})
 *            Windows:    a = sensor, b = epoch second
 *            Totals:     a = "V &lt;sensor&gt; &lt;low&gt; &lt;high&gt; ", b = epoch day × 1440
 *            NewMembers: a = "&lt;P|S|O&gt; &lt;sensor&gt; &lt;epochMinute&gt; ", b = ""
 *       e, e × "E &lt;sensor&gt; &lt;entryId&gt;"                 (entries indexed, in stream order)
 * </pre>
 * With change MAXLEN 0, t and e are 0.
 *
 * @param keys KEYS
 * @param argv ARGV
 */
record ScriptArgs(String[] keys, byte[][] argv) {

    private static final int MINUTES_PER_DAY = 1440;
    private static final byte[] NOTHING = new byte[0];

    /** Fixed settings of one committer; {@code changeMaxLength} 0 writes no change events. */
    record Settings(KeySchema schema, String group, String consumer, long ttlSeconds, long deadLetterMaxLength,
                    long changeMaxLength) {
    }

    /** Encodes a batch that sets the TTL of every key it writes. */
    static ScriptArgs encode(IndexBatch batch, Settings settings) {
        return encode(batch, settings, key -> true);
    }

    /**
     * @param ttlDue whether a key's TTL must be set; the script sets it anyway when the key is new. Asked once
     *               per written key, in write order.
     */
    static ScriptArgs encode(IndexBatch batch, Settings settings, Predicate<String> ttlDue) {
        KeySchema schema = settings.schema();
        int shard = batch.shard();
        List<String> keys = new ArrayList<>(3 + batch.writes().size());
        keys.add(schema.stream(shard));
        keys.add(schema.deadLetters(shard));
        keys.add(schema.changes(shard));
        List<byte[]> argv = new ArrayList<>(estimate(batch));
        argv.add(utf8(settings.group()));
        argv.add(utf8(settings.consumer()));
        argv.add(number(settings.ttlSeconds()));
        argv.add(number(settings.deadLetterMaxLength()));
        argv.add(number(batch.entryIds().size()));
        for (String id : batch.entryIds()) {
            argv.add(utf8(id));
        }
        argv.add(number(batch.deadLetters().size()));
        for (DeadLetter d : batch.deadLetters()) {
            argv.add(utf8(d.entryId()));
            argv.add(utf8(d.reasonText()));
            argv.add(d.sensor());
            argv.add(d.payload());
        }
        argv.add(number(batch.writes().size()));
        Set<String> seen = new HashSet<>();
        for (KeyWrite w : batch.writes()) {
            if (!seen.add(w.key())) {
                throw new IllegalArgumentException("key written twice in one batch: " + w.key());
            }
            keys.add(w.key());
            char code = ttlDue.test(w.key()) ? w.op().code() : Character.toLowerCase(w.op().code());
            argv.add(utf8(code + Integer.toString(w.args().size())));
            argv.addAll(w.args());
        }
        encodeChanges(batch, settings, argv);
        return new ScriptArgs(keys.toArray(String[]::new), argv.toArray(byte[][]::new));
    }

    private static void encodeChanges(IndexBatch batch, Settings settings, List<byte[]> argv) {
        boolean tracking = settings.changeMaxLength() > 0;
        String q1Prefix = q1Prefix(settings.schema(), batch.shard());
        argv.add(number(settings.changeMaxLength()));
        argv.add(utf8(q1Prefix));
        argv.add(utf8(settings.schema().sensors(batch.shard())));
        List<byte[]> tags = new ArrayList<>();
        Map<String, Long> lastSecond = new HashMap<>();
        for (int i = 0; tracking && i < batch.writes().size(); i++) {
            KeyWrite w = batch.writes().get(i);
            ChangeTag tag = w.changes();
            byte[] a;
            byte[] b;
            if (tag instanceof ChangeTag.Windows t) {
                expect(w, t, w.op() == WriteOp.WINDOW_MERGE
                        && w.key().equals(q1Prefix + t.sensor() + ":" + t.epochSecond()));
                Long before = lastSecond.put(t.sensor(), t.epochSecond());
                if (before != null && before >= t.epochSecond()) {
                    throw new IllegalArgumentException("q1 writes of sensor " + t.sensor()
                            + " must come in ascending seconds: " + before + " before " + t.epochSecond());
                }
                a = utf8(t.sensor());
                b = number(t.epochSecond());
            } else if (tag instanceof ChangeTag.Totals t) {
                expect(w, t, w.op() == WriteOp.HASH_INCREMENT);
                a = utf8("V " + t.sensor() + " " + t.low() + " " + t.high() + " ");
                b = number(Math.multiplyExact(t.epochDay(), MINUTES_PER_DAY));
            } else if (tag instanceof ChangeTag.NewMembers t) {
                expect(w, t, w.op() == WriteOp.SET_ADD || w.op() == WriteOp.SORTED_ADD);
                a = utf8(t.letter() + " " + t.sensor() + " " + t.epochMinute() + " ");
                b = NOTHING;
            } else {
                continue;
            }
            tags.add(number(i + 1L));
            tags.add(a);
            tags.add(b);
        }
        argv.add(number(tags.size() / 3));
        argv.addAll(tags);
        List<ChangeEvent.EntryIndexed> indexed = tracking ? batch.indexed() : List.of();
        argv.add(number(indexed.size()));
        for (ChangeEvent.EntryIndexed e : indexed) {
            argv.add(utf8(e.format()));
        }
    }

    /** @return {@code <ns>:{k}:q1:}, the part of every q1 key of the shard before {@code <sensor>:<second>} */
    static String q1Prefix(KeySchema schema, int shard) {
        String probe = schema.activeConnections(shard, "s", 0);
        if (!probe.endsWith(":s:0")) {
            throw new IllegalStateException("q1 keys no longer end in <sensor>:<second>: " + probe);
        }
        return probe.substring(0, probe.length() - "s:0".length());
    }

    private static void expect(KeyWrite w, ChangeTag tag, boolean fits) {
        if (!fits) {
            throw new IllegalArgumentException(tag + " does not fit the " + w.op() + " of " + w.key());
        }
    }

    private static int estimate(IndexBatch batch) {
        int n = 16 + batch.entryIds().size() + 4 * batch.deadLetters().size() + 3 * batch.writes().size()
                + batch.indexed().size();
        for (KeyWrite w : batch.writes()) {
            n += 1 + w.args().size();
        }
        return n;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] number(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }
}

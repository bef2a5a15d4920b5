package io.packetstream.indexer.commit;

import io.packetstream.core.keys.KeySchema;
import io.packetstream.indexer.write.DeadLetter;
import io.packetstream.indexer.write.IndexBatch;
import io.packetstream.indexer.write.KeyWrite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes a batch as the KEYS and ARGV of {@code commit.lua} (the layout is documented at the top of the script).
 * Binary members travel as they are: Lua strings hold bytes.
 *
 * @param keys KEYS: stream, dead-letter stream, then one key per write
 * @param argv ARGV
 */
record ScriptArgs(String[] keys, byte[][] argv) {

    /** Fixed settings of one committer. */
    record Settings(KeySchema schema, String group, String consumer, long ttlSeconds, long deadLetterMaxLength) {
    }

    static ScriptArgs encode(IndexBatch batch, Settings settings) {
        List<String> keys = new ArrayList<>(2 + batch.writes().size());
        keys.add(settings.schema().stream(batch.shard()));
        keys.add(settings.schema().deadLetters(batch.shard()));
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
            argv.add(utf8(w.op().code() + Integer.toString(w.args().size())));
            argv.addAll(w.args());
        }
        return new ScriptArgs(keys.toArray(String[]::new), argv.toArray(byte[][]::new));
    }

    private static int estimate(IndexBatch batch) {
        int n = 8 + batch.entryIds().size() + 4 * batch.deadLetters().size();
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

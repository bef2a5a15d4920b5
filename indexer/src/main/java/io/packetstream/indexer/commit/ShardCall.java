package io.packetstream.indexer.commit;

import io.packetstream.indexer.write.Args;
import io.packetstream.indexer.write.DeadLetter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The calls of {@code shard.lua}, one record per op: the argument layout of the script is defined here once, each
 * call building its own arguments (after the op letter and the owner token, which every call carries). See the
 * script's header for what each op does.
 */
sealed interface ShardCall {

    /** @return the op letter the script dispatches on */
    char op();

    /** @return the op's own arguments */
    List<byte[]> args();

    /** @return the keys the op writes besides the four every call names (lease, journal, stream, dead letters) */
    default List<String> keys() {
        return List.of();
    }

    /** Take the shard's lease if it is free or already ours, and start its time again. */
    record TakeLease(Duration ttl) implements ShardCall {
        public TakeLease {
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public char op() {
            return 'L';
        }

        @Override
        public List<byte[]> args() {
            return List.of(Args.number(Math.max(1, ttl.toMillis())));
        }
    }

    /**
     * Renew the lease only if it is still ours: a lease that ran out may have been taken and given back meanwhile,
     * and a holder that lapsed must take the shard over again from what Redis holds.
     */
    record KeepLease(Duration ttl) implements ShardCall {
        public KeepLease {
            Objects.requireNonNull(ttl, "ttl");
        }

        @Override
        public char op() {
            return 'K';
        }

        @Override
        public List<byte[]> args() {
            return List.of(Args.number(Math.max(1, ttl.toMillis())));
        }
    }

    /** Give the lease up, if it is ours. */
    record ReleaseLease() implements ShardCall {
        @Override
        public char op() {
            return 'R';
        }

        @Override
        public List<byte[]> args() {
            return List.of();
        }
    }

    /**
     * Apply index writes, if the lease is still ours. Through the script rather than as plain commands because a
     * writer that lost its shard may still have writes on their way (paused past its lease, or re-sent by the client
     * after a reconnect): landing after the next holder's, their older absolute totals would undo its counts.
     */
    record Write(List<RedisWrite> writes) implements ShardCall {
        /**
         * Writes in one call, at most. Lua costs about 0.3 µs an argument (its ARGV and each write's conversion), so
         * calls of 1,024 arguments averaged 0.3 ms and often passed 1 ms on the benchmark; a quarter of that keeps
         * them short while the per-call cost stays small beside the writes.
         */
        static final int MAX_WRITES = 32;
        /** Arguments in one call, at most (a single larger write goes alone). */
        static final int MAX_ARGS = 256;
        /** Where the written keys start among the script's keys. */
        static final int FIRST_KEY = 5;

        public Write {
            writes = List.copyOf(writes);
        }

        @Override
        public char op() {
            return 'W';
        }

        @Override
        public List<String> keys() {
            return writes.stream().map(RedisWrite::key).distinct().toList();
        }

        @Override
        public List<byte[]> args() {
            List<String> keys = keys();
            List<byte[]> a = new ArrayList<>();
            a.add(Args.number(writes.size()));
            for (RedisWrite w : writes) {
                a.add(Args.ascii(w.command().name()));
                a.add(Args.number(FIRST_KEY + keys.indexOf(w.key())));
                a.add(Args.number(w.args().size()));
                a.addAll(w.args());
            }
            return a;
        }

        /** @return the writes in calls of at most {@link #MAX_WRITES} writes and about {@link #MAX_ARGS} arguments */
        static List<Write> split(List<RedisWrite> writes) {
            List<Write> calls = new ArrayList<>();
            List<RedisWrite> call = new ArrayList<>();
            int args = 0;
            for (RedisWrite w : writes) {
                if (!call.isEmpty() && (call.size() == MAX_WRITES || args + w.args().size() > MAX_ARGS)) {
                    calls.add(new Write(call));
                    call = new ArrayList<>();
                    args = 0;
                }
                call.add(w);
                args += 3 + w.args().size();
            }
            if (!call.isEmpty()) {
                calls.add(new Write(call));
            }
            return calls;
        }
    }

    /**
     * Store one part of a batch's journal. A journal goes in parts of at most {@link #MAX_BYTES}, each in a call of
     * its own: Redis copies a part three times in one go (the request, Lua's argument, the hash field), and whole
     * journals (about 300 KB for a batch of 128 entries on the benchmark) made calls of several milliseconds. The
     * last part also names the batch, once every part is there: from then on the batch counts as committed,
     * whoever finishes applying it; before, the parts are nothing (the next holder drops them).
     *
     * @param field the journal hash's field for this part: {@code w} for the first, {@code w2}, {@code w3}, … after
     * @param parts the journal's number of parts when this is its last, else 0
     */
    record StoreJournal(String batchId, String field, byte[] bytes, int parts) implements ShardCall {
        /** The most bytes of a journal one call stores. */
        static final int MAX_BYTES = 64 * 1024;

        public StoreJournal {
            Objects.requireNonNull(batchId, "batchId");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(bytes, "bytes");
        }

        /** @return the calls that store the journal, in the order they must run */
        static List<StoreJournal> of(Journal journal) {
            byte[] all = journal.encode();
            int parts = Math.max(1, (all.length + MAX_BYTES - 1) / MAX_BYTES);
            List<StoreJournal> calls = new ArrayList<>(parts);
            for (int part = 1; part <= parts; part++) {
                byte[] bytes = parts == 1 ? all // a small batch's journal, most of a live indexer's, goes as it is
                        : java.util.Arrays.copyOfRange(all, (part - 1) * MAX_BYTES, Math.min(all.length, part * MAX_BYTES));
                calls.add(new StoreJournal(journal.batchId(), field(part), bytes, part == parts ? parts : 0));
            }
            return calls;
        }

        /** @return the journal hash's field of part {@code part} (from 1): where a journal of one part always was */
        static String field(int part) {
            return part == 1 ? "w" : "w" + part;
        }

        @Override
        public char op() {
            return 'J';
        }

        @Override
        public List<byte[]> args() {
            return List.of(Args.utf8(batchId), Args.ascii(field), bytes, Args.number(parts));
        }
    }

    /** Finish a batch whose writes are applied: its dead letters, its XACK, and the journal dropped. */
    record Acknowledge(Journal journal, String group, long ttlSeconds, long deadLetterMaxLength) implements ShardCall {
        public Acknowledge {
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(group, "group");
        }

        @Override
        public char op() {
            return 'A';
        }

        @Override
        public List<byte[]> args() {
            List<byte[]> a = new ArrayList<>(6 + journal.entryIds().size() + 4 * journal.deadLetters().size());
            a.add(Args.utf8(journal.batchId()));
            a.add(Args.utf8(group));
            a.add(Args.number(ttlSeconds));
            a.add(Args.number(deadLetterMaxLength));
            a.add(Args.number(journal.entryIds().size()));
            journal.entryIds().forEach(id -> a.add(Args.utf8(id)));
            a.add(Args.number(journal.deadLetters().size()));
            for (DeadLetter d : journal.deadLetters()) {
                a.add(Args.utf8(d.entryId()));
                a.add(Args.utf8(d.reasonText()));
                a.add(d.sensor());
                a.add(d.payload());
            }
            return a;
        }
    }
}

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

    /** Store the journal of a batch: from then on the batch counts as committed, whoever finishes applying it. */
    record StoreJournal(Journal journal) implements ShardCall {
        public StoreJournal {
            Objects.requireNonNull(journal, "journal");
        }

        @Override
        public char op() {
            return 'J';
        }

        @Override
        public List<byte[]> args() {
            return List.of(Args.utf8(journal.batchId()), journal.encode());
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

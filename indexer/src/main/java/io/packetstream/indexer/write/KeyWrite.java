package io.packetstream.indexer.write;

import java.util.List;
import java.util.Objects;

/**
 * Everything one batch writes to one index key, already aggregated: one operation and its arguments.
 *
 * @param key     the index key (carries the shard's hash tag)
 * @param op      what to do with it
 * @param args    the operation's arguments, binary; see {@link WriteOp}
 * @param changes the change events the write announces
 */
public record KeyWrite(String key, WriteOp op, List<byte[]> args, ChangeTag changes) {

    public KeyWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        args = List.copyOf(args);
        Objects.requireNonNull(changes, "changes");
    }

    /** A write that announces no change events. */
    public KeyWrite(String key, WriteOp op, List<byte[]> args) {
        this(key, op, args, ChangeTag.NONE);
    }
}

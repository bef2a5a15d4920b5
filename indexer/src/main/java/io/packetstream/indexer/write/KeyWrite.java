package io.packetstream.indexer.write;

import java.util.List;
import java.util.Objects;

/**
 * Everything one batch writes to one index key, already aggregated: one operation and its arguments.
 *
 * @param key  the index key (carries the shard's hash tag)
 * @param op   what to do with it
 * @param args the operation's arguments, binary; see {@link WriteOp}
 */
public record KeyWrite(String key, WriteOp op, List<byte[]> args) {

    public KeyWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        args = List.copyOf(args);
    }
}

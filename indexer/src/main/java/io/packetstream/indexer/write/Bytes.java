package io.packetstream.indexer.write;

import java.util.Arrays;

/** A byte array with value equality, so binary members and fields can be deduplicated in hash maps. */
public final class Bytes {

    final byte[] value;
    private final int hash;

    public Bytes(byte[] value) {
        this.value = value;
        this.hash = Arrays.hashCode(value);
    }

    /** @return the bytes, not copied: never change them */
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && hash == other.hash && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

package io.packetstream.indexer.commit;

import io.lettuce.core.protocol.CommandType;
import io.packetstream.indexer.write.DeadLetter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a committed batch does, stored in the shard's journal before any of it is applied: whoever holds the shard
 * next (this indexer after a failure, another after a crash) finds it and applies it again, which changes nothing
 * already applied (every {@link RedisWrite} is idempotent), then acknowledges it. Written and read by the indexer
 * only, in a versioned binary form.
 *
 * @param batchId     names the batch: its first entry id
 * @param entryIds    the entries to acknowledge
 * @param deadLetters entries that go to the dead-letter stream
 * @param writes      the index writes and change entries, in the order they are applied
 */
record Journal(String batchId, List<String> entryIds, List<DeadLetter> deadLetters, List<RedisWrite> writes) {

    private static final int VERSION = 1;

    Journal {
        Objects.requireNonNull(batchId, "batchId");
        entryIds = List.copyOf(entryIds);
        deadLetters = List.copyOf(deadLetters);
        writes = List.copyOf(writes);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeOfWrites() + 64 * (1 + entryIds.size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(batchId);
            out.writeInt(entryIds.size());
            for (String id : entryIds) {
                out.writeUTF(id);
            }
            out.writeInt(deadLetters.size());
            for (DeadLetter d : deadLetters) {
                out.writeUTF(d.entryId());
                out.writeUTF(d.reason());
                out.writeUTF(d.detail());
                blob(out, d.sensor());
                blob(out, d.payload());
            }
            out.writeInt(writes.size());
            for (RedisWrite w : writes) {
                out.writeUTF(w.command().name());
                out.writeUTF(w.key());
                out.writeInt(w.args().size());
                for (byte[] a : w.args()) {
                    blob(out, a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @return about what the writes take encoded (ASCII names), so that encoding them never grows the buffer */
    private int sizeOfWrites() {
        int size = 4;
        for (RedisWrite w : writes) {
            size += 8 + w.command().name().length() + w.key().length();
            for (byte[] a : w.args()) {
                size += 4 + a.length;
            }
        }
        return size;
    }

    /** @throws IllegalArgumentException when the bytes are no journal of this version */
    static Journal decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("journal version " + version + ", this indexer reads " + VERSION);
            }
            String batchId = in.readUTF();
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
            }
            int d = in.readInt();
            List<DeadLetter> dead = new ArrayList<>(d);
            for (int i = 0; i < d; i++) {
                dead.add(new DeadLetter(in.readUTF(), in.readUTF(), in.readUTF(), blob(in), blob(in)));
            }
            int w = in.readInt();
            List<RedisWrite> writes = new ArrayList<>(w);
            for (int i = 0; i < w; i++) {
                CommandType command = CommandType.valueOf(in.readUTF());
                String key = in.readUTF();
                int argc = in.readInt();
                List<byte[]> args = new ArrayList<>(argc);
                for (int j = 0; j < argc; j++) {
                    args.add(blob(in));
                }
                writes.add(new RedisWrite(command, key, args));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("journal has bytes after its last write");
            }
            return new Journal(batchId, ids, dead, writes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable journal: " + e.getMessage(), e);
        }
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("blob of " + n + " bytes with " + in.available() + " left");
        }
        return in.readNBytes(n);
    }
}

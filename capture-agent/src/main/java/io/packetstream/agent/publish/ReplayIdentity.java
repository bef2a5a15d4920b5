package io.packetstream.agent.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The publisher id of a file replay: the sensor and a digest of the file's size and first mebibyte. A rerun of
 * the same file by the same sensor (after a crash, a kill, a Ctrl-C) has the same id, so the publish script's
 * per-(publisher, shard) sequences tell how far each shard got and only the rest is stored. Another sensor name
 * is another publisher: the file is published again. A different file (other size or other first bytes, e.g.
 * a capture still being written) is a different publisher too.
 */
public final class ReplayIdentity {

    /** Bytes digested from the start of the file: headers and the first packets tell captures apart. */
    static final int HEAD_BYTES = 1 << 20;

    private ReplayIdentity() {
    }

    /**
     * @param sensor the replay's sensor id; never {@code null}
     * @param file   a readable capture file; never {@code null}
     * @return {@code <sensor>-f<16 hex digits>}
     * @throws UncheckedIOException when the file cannot be read
     */
    public static String publisherId(String sensor, Path file) {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                // read until the head is full
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(0, size));
            sha.update(head.flip());
            return sensor + "-f" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

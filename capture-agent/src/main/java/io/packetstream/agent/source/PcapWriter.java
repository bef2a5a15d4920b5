package io.packetstream.agent.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a classic pcap file (little-endian, microsecond or nanosecond timestamps, snaplen 262144) that
 * tcpdump, Wireshark and {@link PcapFileSource} read. Used to generate benchmark and test captures, e.g. a
 * million packets:
 * <pre>{@code
 * try (PcapWriter w = PcapWriter.create(path, 1, true)) {
 *     w.write(timestampNanos, frame.length, frame, 0, frame.length);
 * }
 * }</pre>
 * Buffered; nothing is guaranteed on disk before {@link #close()}. Not thread-safe.
 */
public final class PcapWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final boolean nanos;
    private long packets;

    private PcapWriter(FileChannel channel, int linkType, boolean nanos) throws IOException {
        this.channel = channel;
        this.nanos = nanos;
        buffer.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS)
                .putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0)
                .putInt(PacketSource.MAX_CAPTURED_LENGTH)
                .putInt(linkType);
    }

    /**
     * Creates (or replaces) a pcap file and writes its header.
     *
     * @param path           the file; never {@code null}
     * @param linkType       LINKTYPE_ number of every frame, e.g. 1 for Ethernet
     * @param nanoResolution true for nanosecond timestamps, false for microseconds (then {@link #write}
     *                       truncates timestamps to whole microseconds)
     * @throws UncheckedIOException when the file cannot be created
     */
    public static PcapWriter create(Path path, int linkType, boolean nanoResolution) {
        Objects.requireNonNull(path, "path");
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType must be 0..65535, was " + linkType);
        }
        try {
            return new PcapWriter(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), linkType, nanoResolution);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /**
     * Appends one packet record.
     *
     * @param timestampNanos capture time in nanoseconds since the epoch, not negative
     * @param originalLength length on the wire, at least {@code length}
     * @param bytes          the captured bytes; never {@code null}
     * @param offset         where they start in {@code bytes}
     * @param length         captured length, at most 262144
     */
    public void write(long timestampNanos, int originalLength, byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > PacketSource.MAX_CAPTURED_LENGTH || originalLength < length || timestampNanos < 0) {
            throw new IllegalArgumentException("bad packet: timestamp " + timestampNanos + ", original length "
                    + originalLength + ", captured length " + length);
        }
        long seconds = timestampNanos / 1_000_000_000L;
        long fraction = timestampNanos % 1_000_000_000L;
        try {
            if (buffer.remaining() < 16 + length) {
                drain();
            }
            buffer.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1_000L))
                    .putInt(length).putInt(originalLength).put(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write packet " + packets, e);
        }
        packets++;
    }

    /** @return packets written so far */
    public long packets() {
        return packets;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Writes what is buffered and closes the file. */
    @Override
    public void close() {
        try (channel) {
            drain();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the pcap file", e);
        }
    }
}

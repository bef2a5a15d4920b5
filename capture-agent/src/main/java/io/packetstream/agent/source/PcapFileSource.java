package io.packetstream.agent.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays a pcap or pcapng file without libpcap: the file is memory-mapped (in windows, so it may exceed 2 GB)
 * and each packet is copied once into a reusable buffer handed to the sink, so reading allocates nothing per
 * packet. The format is recognised by its magic number, never by the file name.
 *
 * <p>A damaged file ends early instead of failing: every packet before the damage is delivered and
 * {@link #damage()} says what happened. Not thread-safe; use it from one thread.
 */
public final class PcapFileSource implements PacketSource {

    private final Path path;
    private final MappedFile file;
    private final CaptureReader reader;

    private PcapFileSource(Path path, MappedFile file, CaptureReader reader) {
        this.path = path;
        this.file = file;
        this.reader = reader;
    }

    /**
     * Opens a capture file and reads its header.
     *
     * @param path the file; never {@code null}
     * @return the source, positioned before the first packet
     * @throws CaptureSourceException when the file is missing, unreadable, empty or not pcap/pcapng
     */
    public static PcapFileSource open(Path path) {
        return open(path, MappedFile.DEFAULT_WINDOW);
    }

    /** As {@link #open(Path)}, mapping at most {@code windowSize} bytes at a time (tests use small windows). */
    static PcapFileSource open(Path path, int windowSize) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new CaptureSourceException(path + " is a directory, not a capture file");
        }
        MappedFile file;
        try {
            file = new MappedFile(path, windowSize);
        } catch (NoSuchFileException e) {
            throw new CaptureSourceException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CaptureSourceException(path + ": permission denied");
        } catch (IOException e) {
            throw new CaptureSourceException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return new PcapFileSource(path, file, reader(file, path.toString()));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static CaptureReader reader(MappedFile file, String name) {
        if (file.size() == 0) {
            throw new CaptureSourceException(name + " is empty, not a pcap or pcapng file");
        }
        if (file.size() < 4) {
            throw new CaptureSourceException(name + " is not a pcap or pcapng file (only " + file.size() + " bytes)");
        }
        file.order(ByteOrder.BIG_ENDIAN);
        int magic = firstInt(file);
        if (magic == PcapNgReader.SHB) {
            return PcapNgReader.open(file, name);
        }
        if (PcapReader.isMagic(magic)) {
            return PcapReader.open(file, name);
        }
        String hint = (magic >>> 16) == 0x1F8B ? "; it looks gzip-compressed, gunzip it first" : "";
        throw new CaptureSourceException(String.format("%s is not a pcap or pcapng file (magic 0x%08x%s)", name, magic, hint));
    }

    private static int firstInt(MappedFile file) {
        int i = file.at(0, 4);
        return file.buffer().getInt(i);
    }

    @Override
    public int poll(PacketSink sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return reader.read(sink, max);
    }

    @Override
    public String name() {
        return path.toString();
    }

    /** @return the file path */
    public Path path() {
        return path;
    }

    @Override
    public double progress() {
        return file.size() == 0 ? 1.0 : (double) reader.position / file.size();
    }

    /** @return bytes of the file consumed so far */
    public long position() {
        return reader.position;
    }

    /** @return the file size in bytes */
    public long size() {
        return file.size();
    }

    /** @return packets delivered so far */
    public long packets() {
        return reader.packets;
    }

    /** @return e.g. {@code pcap, nanoseconds, little-endian, link type 1, snaplen 262144}, for logs */
    public String format() {
        return reader.format();
    }

    /** @return why the file ended early, once {@link #poll} returned -1; empty for a clean end */
    public Optional<FileDamage> damage() {
        return reader.damage();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (UncheckedIOException e) {
            // closing a read-only channel cannot lose data
        }
    }
}

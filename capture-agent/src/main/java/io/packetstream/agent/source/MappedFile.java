package io.packetstream.agent.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file seen through one memory-mapped window at a time, so files larger than 2 GB (the limit of one
 * mapping) are read by moving the window. Readers ask for a byte range with {@link #at(long, int)} and get the
 * index of its first byte in {@link #buffer()}; a range that straddles the window's end moves the window to
 * start at that range. Not thread-safe.
 */
final class MappedFile implements AutoCloseable {

    /** Bytes mapped at once in production; a packet record never comes near it. */
    static final int DEFAULT_WINDOW = 1 << 30;

    private final FileChannel channel;
    private final long size;
    private final int windowSize;
    private MappedByteBuffer window;
    private long windowStart;
    private int windowLength;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    MappedFile(Path path, int windowSize) throws IOException {
        if (windowSize < 16) {
            throw new IllegalArgumentException("windowSize must be at least 16, was " + windowSize);
        }
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        this.windowSize = windowSize;
    }

    long size() {
        return size;
    }

    /**
     * @param position file offset of the first byte wanted
     * @param length   bytes wanted; {@code position + length} must not pass {@link #size()}
     * @return index of {@code position} in {@link #buffer()}, valid until the next call
     */
    int at(long position, int length) {
        long relative = position - windowStart;
        if (window == null || relative < 0 || relative + length > windowLength) {
            remap(position, length);
            relative = 0;
        }
        return (int) relative;
    }

    /** The current window, in the byte order last set. */
    MappedByteBuffer buffer() {
        return window;
    }

    void order(ByteOrder order) {
        this.order = order;
        if (window != null) {
            window.order(order);
        }
    }

    ByteOrder order() {
        return order;
    }

    private void remap(long position, int length) {
        if (position < 0 || length < 0 || position + length > size) {
            throw new IndexOutOfBoundsException("[" + position + ", +" + length + ") outside the " + size + "-byte file");
        }
        long mapped = Math.max(length, Math.min(windowSize, size - position));
        try {
            window = channel.map(FileChannel.MapMode.READ_ONLY, position, mapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map bytes " + position + ".." + (position + mapped), e);
        }
        window.order(order);
        windowStart = position;
        windowLength = (int) mapped;
    }

    @Override
    public void close() {
        window = null;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.packetstream.agent.source;

import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * Reads the classic libpcap format: a 24-byte file header, then 16-byte record headers each followed by the
 * captured bytes. Microsecond and nanosecond magics, both byte orders, and the "modified" (Kuznetzov) variant
 * with 24-byte record headers.
 */
final class PcapReader extends CaptureReader {

    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int MAGIC_MODIFIED = 0xA1B2CD34;
    static final int FILE_HEADER = 24;

    private final int linkType;
    private final long snaplen;
    private final boolean nanos;
    private final int recordHeader;
    private final String format;

    private PcapReader(MappedFile file, String name, int linkType, long snaplen, boolean nanos, int recordHeader,
                       String format) {
        super(file, name, FILE_HEADER);
        this.linkType = linkType;
        this.snaplen = snaplen;
        this.nanos = nanos;
        this.recordHeader = recordHeader;
        this.format = format;
    }

    /** @return true when the first four bytes, read big-endian, are a pcap magic in either byte order */
    static boolean isMagic(int bigEndian) {
        int swapped = Integer.reverseBytes(bigEndian);
        return bigEndian == MAGIC_MICROS || bigEndian == MAGIC_NANOS || bigEndian == MAGIC_MODIFIED
                || swapped == MAGIC_MICROS || swapped == MAGIC_NANOS || swapped == MAGIC_MODIFIED;
    }

    /** Reads the file header; the caller checked the magic. */
    static PcapReader open(MappedFile file, String name) {
        if (file.size() < FILE_HEADER) {
            throw new CaptureSourceException(name + " is cut short inside its " + FILE_HEADER + "-byte pcap file header");
        }
        file.order(ByteOrder.BIG_ENDIAN);
        int i = file.at(0, FILE_HEADER);
        int magic = file.buffer().getInt(i);
        ByteOrder order = isNative(magic) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int m = order == ByteOrder.BIG_ENDIAN ? magic : Integer.reverseBytes(magic);
        file.order(order);
        MappedByteBuffer b = file.buffer();
        long snaplen = Integer.toUnsignedLong(b.getInt(i + 16));
        int linkType = b.getInt(i + 20) & 0xFFFF; // upper bits carry FCS information
        boolean nanos = m == MAGIC_NANOS;
        int recordHeader = m == MAGIC_MODIFIED ? 24 : 16;
        String format = "pcap, " + (nanos ? "nanoseconds" : "microseconds") + ", "
                + (order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian")
                + (recordHeader == 24 ? ", modified" : "") + ", link type " + linkType + ", snaplen " + snaplen;
        return new PcapReader(file, name, linkType, snaplen, nanos, recordHeader, format);
    }

    private static boolean isNative(int bigEndianMagic) {
        return bigEndianMagic == MAGIC_MICROS || bigEndianMagic == MAGIC_NANOS || bigEndianMagic == MAGIC_MODIFIED;
    }

    @Override
    String format() {
        return format;
    }

    @Override
    int readSome(PacketSink sink, int max) {
        long size = file.size();
        int n = 0;
        while (n < max) {
            long remaining = size - position;
            if (remaining == 0) {
                endCleanly();
                break;
            }
            if (remaining < recordHeader) {
                endTruncated(position);
                break;
            }
            int i = file.at(position, recordHeader);
            MappedByteBuffer b = file.buffer();
            long seconds = Integer.toUnsignedLong(b.getInt(i));
            long fraction = Integer.toUnsignedLong(b.getInt(i + 4));
            int captured = b.getInt(i + 8);
            int original = b.getInt(i + 12);
            if (!lengthsOk(captured, original, snaplen)) {
                break;
            }
            if (remaining - recordHeader < captured) {
                endTruncated(position);
                break;
            }
            int d = file.at(position + recordHeader, captured);
            file.buffer().get(d, frame, 0, captured);
            long timestamp = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
            position += recordHeader + captured;
            packets++;
            n++;
            sink.accept(timestamp, original, linkType, frame, 0, captured);
        }
        return n;
    }
}

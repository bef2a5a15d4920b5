package io.packetstream.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the packets out of a stream entry's payload written by {@link PacketBatchWriter}.
 */
public final class PacketBatchReader {

    private PacketBatchReader() {
    }

    /**
     * @param payload the entry's packet payload; never {@code null}
     * @return its packets, in order, as views into {@code payload}
     * @throws RecordFormatException for an unknown version or a payload that is cut short or inconsistent
     */
    public static List<PacketRecord> read(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0) {
            throw new RecordFormatException("empty packet payload");
        }
        if (payload[0] != PacketBatchFormat.VERSION) {
            throw new RecordFormatException("unsupported record version " + (payload[0] & 0xFF)
                    + " (this build reads version " + PacketBatchFormat.VERSION + ")");
        }
        Cursor c = new Cursor(payload, 1);
        int count = c.varint();
        List<PacketRecord> packets = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            c.need(8);
            long time = PacketBatchFormat.readLong(payload, c.position);
            c.position += 8;
            int originalLength = c.varint();
            int capturedLength = c.varint();
            int linkType = c.varint();
            c.need(capturedLength);
            packets.add(new PacketRecord(time, originalLength, linkType, payload, c.position, capturedLength));
            c.position += capturedLength;
        }
        if (c.position != payload.length) {
            throw new RecordFormatException((payload.length - c.position) + " bytes after the last of " + count + " packets");
        }
        return packets;
    }

    private static final class Cursor {
        final byte[] b;
        int position;

        Cursor(byte[] b, int position) {
            this.b = b;
            this.position = position;
        }

        void need(int n) {
            if (n < 0 || position + n > b.length) {
                throw new RecordFormatException("packet payload cut short at byte " + position);
            }
        }

        int varint() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                need(1);
                int x = b[position++];
                value |= (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    if (value < 0) {
                        throw new RecordFormatException("negative length at byte " + position);
                    }
                    return value;
                }
            }
            throw new RecordFormatException("varint too long at byte " + position);
        }
    }
}

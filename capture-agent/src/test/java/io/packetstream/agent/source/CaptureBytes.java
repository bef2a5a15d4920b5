package io.packetstream.agent.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds pcap and pcapng files in memory in either byte order, so tests can make big-endian, multi-section,
 * damaged and odd files that no tool on this machine writes.
 */
final class CaptureBytes {

    private CaptureBytes() {
    }

    /** A classic pcap file. */
    static byte[] pcap(ByteOrder order, boolean nanos, int linkType, long snaplen, List<Captured> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt((int) snaplen).putInt(linkType);
        out.writeBytes(h.array());
        for (Captured p : packets) {
            out.writeBytes(pcapRecord(order, nanos, p.timestampNanos(), p.originalLength(), p.data().length, p.data()));
        }
        return out.toByteArray();
    }

    /** One pcap record with a captured length that may differ from the data given (for damaged files). */
    static byte[] pcapRecord(ByteOrder order, boolean nanos, long ts, int orig, int capturedLength, byte[] data) {
        ByteBuffer r = ByteBuffer.allocate(16 + data.length).order(order);
        long sec = ts / 1_000_000_000L;
        long frac = ts % 1_000_000_000L;
        r.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(capturedLength).putInt(orig).put(data);
        return r.array();
    }

    /** A pcapng file, block by block; each section may have its own byte order. */
    static final class PcapNg {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        PcapNg section(ByteOrder sectionOrder) {
            order = sectionOrder;
            ByteBuffer body = buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0A0D0D0A, body.array());
        }

        /** @param tsresol if_tsresol byte, or -1 for none; @param tsoffset seconds, or null for none */
        PcapNg interfaceBlock(int linkType, int snaplen, int tsresol, Long tsoffset) {
            ByteBuffer body = buffer(64).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            // if_name first, as real writers do, to prove options are walked
            body.putShort((short) 2).putShort((short) 3).put(new byte[]{'e', 't', 'h', 0});
            if (tsresol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            if (tsoffset != null) {
                body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            }
            body.putShort((short) 0).putShort((short) 0);
            return block(1, used(body));
        }

        PcapNg enhanced(int interfaceId, long units, int orig, byte[] data, boolean withComment) {
            ByteBuffer body = buffer(20 + pad(data.length) + 16).putInt(interfaceId).putInt((int) (units >>> 32))
                    .putInt((int) units).putInt(data.length).putInt(orig).put(data).put(new byte[pad(data.length) - data.length]);
            if (withComment) {
                body.putShort((short) 1).putShort((short) 2).put(new byte[]{'h', 'i', 0, 0}).putShort((short) 0).putShort((short) 0);
            }
            return block(6, used(body));
        }

        /** An EPB whose captured-length field says {@code claimed} while {@code data} is stored. */
        PcapNg enhancedClaiming(int interfaceId, int claimed, byte[] data) {
            ByteBuffer body = buffer(20 + pad(data.length)).putInt(interfaceId).putInt(0).putInt(0).putInt(claimed)
                    .putInt(claimed).put(data).put(new byte[pad(data.length) - data.length]);
            return block(6, body.array());
        }

        PcapNg simple(int orig, byte[] data) {
            ByteBuffer body = buffer(4 + pad(data.length)).putInt(orig).put(data).put(new byte[pad(data.length) - data.length]);
            return block(3, body.array());
        }

        PcapNg obsolete(int interfaceId, long units, int orig, byte[] data) {
            ByteBuffer body = buffer(20 + pad(data.length)).putShort((short) interfaceId).putShort((short) 0)
                    .putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(orig).put(data)
                    .put(new byte[pad(data.length) - data.length]);
            return block(2, body.array());
        }

        /** Any block, e.g. NRB (4), ISB (5), DSB (10), custom (0xBAD) or an unknown type. */
        PcapNg block(int type, byte[] body) {
            int length = 12 + body.length;
            ByteBuffer b = buffer(length).putInt(type).putInt(length).put(body).putInt(length);
            out.writeBytes(b.array());
            return this;
        }

        /** Raw bytes, for damaged blocks. */
        PcapNg raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        ByteBuffer buffer(int size) {
            return ByteBuffer.allocate(size).order(order);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }

        private static byte[] used(ByteBuffer b) {
            byte[] a = new byte[b.position()];
            b.flip().get(a);
            return a;
        }
    }
}

package io.packetstream.query.render;

import io.packetstream.query.read.QueryResult.PacketMatch;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Turns matches into the bytes of one capture file, in order, as they come: the file header goes out with the
 * first packet (or alone at the end when there is none). Not thread-safe: one per response, fed sequentially.
 */
final class CaptureStream {

    /** LINKTYPE_ETHERNET, named in the header of an empty classic pcap file. */
    static final int EMPTY_FILE_LINK_TYPE = 1;

    private final CaptureFormat format;
    private final IntConsumer skipped;
    private final Map<Integer, Integer> interfaces = new HashMap<>();
    private boolean started;
    private int linkType;

    /** @param skipped told the link type of each packet a classic pcap file cannot hold */
    CaptureStream(CaptureFormat format, IntConsumer skipped) {
        this.format = format;
        this.skipped = skipped;
    }

    /** @return the bytes to send for this match (possibly preceded by headers); empty when it is left out */
    byte[] next(PacketMatch m) {
        if (format == CaptureFormat.PCAP) {
            if (!started) {
                started = true;
                linkType = m.linkType();
                return concat(PcapFile.header(linkType), PcapFile.record(m.timeNanos(), m.frame(), m.originalLength()));
            }
            if (m.linkType() != linkType) {
                skipped.accept(m.linkType());
                return new byte[0];
            }
            return PcapFile.record(m.timeNanos(), m.frame(), m.originalLength());
        }
        byte[] prefix = new byte[0];
        if (!started) {
            started = true;
            prefix = PcapngFile.sectionHeader();
        }
        Integer id = interfaces.get(m.linkType());
        if (id == null) {
            id = interfaces.size();
            interfaces.put(m.linkType(), id);
            prefix = concat(prefix, PcapngFile.interfaceDescription(m.linkType()));
        }
        return concat(prefix, PcapngFile.enhancedPacket(id, m.timeNanos(), m.frame(), m.originalLength()));
    }

    /** @return what a file without any packet still needs: its header; empty once packets went out */
    byte[] finish() {
        if (started) {
            return new byte[0];
        }
        started = true;
        return format == CaptureFormat.PCAP ? PcapFile.header(EMPTY_FILE_LINK_TYPE) : PcapngFile.sectionHeader();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

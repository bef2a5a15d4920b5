package io.packetstream.indexer.write;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.time.CaptureTime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built decoded packets and helpers to read writers' output. */
final class TestPackets {

    static final long T0 = CaptureTime.parse("2026-11-21T09:38:12Z");
    static final long ENTRY_MS = 1_795_253_892_000L;

    private TestPackets() {
    }

    static IpPacket tcp(String src, int srcPort, String dst, int dstPort, int flags) {
        return new IpPacket(IpAddress.parse(src), IpAddress.parse(dst), IpPacket.TCP, srcPort, dstPort, true, flags, 0, 0);
    }

    static IpPacket udp(String src, int srcPort, String dst, int dstPort) {
        return new IpPacket(IpAddress.parse(src), IpAddress.parse(dst), IpPacket.UDP, srcPort, dstPort, true, 0, 0, 0);
    }

    /** A TCP or UDP packet whose transport header was not captured. */
    static IpPacket portless(String src, String dst, int protocol) {
        return new IpPacket(IpAddress.parse(src), IpAddress.parse(dst), protocol, 0, 0, false, 0, 0, 0);
    }

    static IpPacket icmp(String src, String dst) {
        return portless(src, dst, IpPacket.ICMP);
    }

    static IndexedPacket at(IpPacket ip, long nanos) {
        return new IndexedPacket("s1", ENTRY_MS, nanos, 100, ip);
    }

    static IndexedPacket at(IpPacket ip, long nanos, int length) {
        return new IndexedPacket("s1", ENTRY_MS, nanos, length, ip);
    }

    static List<KeyWrite> emit(IndexWriter writer, IndexedPacket... packets) {
        for (IndexedPacket p : packets) {
            writer.add(p);
        }
        List<KeyWrite> out = new ArrayList<>();
        writer.emitTo(out);
        return out;
    }

    static List<String> texts(KeyWrite write) {
        return write.args().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}

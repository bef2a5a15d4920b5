package io.packetstream.core.decode;

import io.packetstream.core.address.IpAddress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A classic pcap file from {@code src/test/resources/decode/} (see the README there for how each was
 * captured), read whole; frames are numbered from 1 as tshark and Wireshark number them.
 */
record CaptureFile(String name, int linkType, List<byte[]> frames) {

    static CaptureFile read(String name) {
        try (InputStream in = CaptureFile.class.getResourceAsStream("/decode/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource decode/" + name);
            }
            ByteBuffer file = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            if (file.getInt(0) != 0xa1b2c3d4) {
                file.order(ByteOrder.BIG_ENDIAN);
            }
            int linkType = file.getInt(20) & 0xFFFF;
            List<byte[]> frames = new ArrayList<>();
            for (int record = 24; record + 16 <= file.limit(); ) {
                byte[] frame = new byte[file.getInt(record + 8)];
                file.get(record + 16, frame);
                frames.add(frame);
                record += 16 + frame.length;
            }
            return new CaptureFile(name, linkType, List.copyOf(frames));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return frame {@code number}, counting from 1 */
    byte[] frame(int number) {
        return frames.get(number - 1).clone();
    }

    Optional<IpPacket> decode(int number) {
        byte[] frame = frame(number);
        return PacketDecoder.decode(linkType, frame, 0, frame.length);
    }

    /** @return frame {@code number} decoded and described as {@link #describe} does */
    String describe(int number) {
        byte[] frame = frame(number);
        return decode(number).map(packet -> describe(packet, frame, 0, frame.length)).orElse("no IP");
    }

    /**
     * Describes a decoded packet on one line, close to tshark's summary:
     * {@code tcp 10.1.0.1:39444 -> 10.1.0.2:8080 flags=0x02 payload=74+0}; a packet without ports
     * reads {@code icmp 10.1.0.1 -> 10.1.0.2 payload=34+64}. Checks the invariants every decode keeps.
     */
    static String describe(IpPacket packet, byte[] frame, int offset, int capturedLength) {
        assertTrue(packet.payloadLength() >= 0, "negative payload length");
        assertTrue(packet.payloadOffset() >= offset, "payload before the frame");
        assertTrue(packet.payloadOffset() + packet.payloadLength() <= offset + capturedLength,
                "payload past the captured bytes");
        if (!packet.hasPorts()) {
            assertEquals(0, packet.srcPort() | packet.dstPort() | packet.tcpFlags(), "ports or flags without ports");
        }
        StringBuilder text = new StringBuilder(packet.protocolName()).append(' ');
        endpoint(text, packet.src(), packet.srcPort(), packet.hasPorts()).append(" -> ");
        endpoint(text, packet.dst(), packet.dstPort(), packet.hasPorts());
        if (packet.isTcp() && packet.hasPorts()) {
            text.append(String.format(" flags=0x%02x", packet.tcpFlags()));
        }
        return text.append(" payload=").append(packet.payloadOffset() - offset).append('+')
                .append(packet.payloadLength()).toString();
    }

    private static StringBuilder endpoint(StringBuilder text, IpAddress address, int port, boolean hasPorts) {
        boolean v6 = !address.isIpv4();
        if (!hasPorts) {
            return text.append(address);
        }
        return text.append(v6 ? "[" : "").append(address).append(v6 ? "]:" : ":").append(port);
    }
}

package io.packetstream.agent;

import io.packetstream.agent.source.PcapWriter;
import io.packetstream.core.address.IpAddress;
import io.packetstream.testsupport.frames.Frames;

import java.nio.file.Path;

/** Writes capture files of synthetic traffic for the integration tests. */
final class TestTraffic {

    static final long START = 1_795_253_888_000_000_000L;

    private TestTraffic() {
    }

    /**
     * {@code flows} interleaved flows (TCP and UDP, IPv4 and IPv6), each {@code perFlow} packets alternating
     * direction; packet {@code i} of the file is captured at {@code START + i * gapNanos}.
     */
    static Path flows(Path file, int flows, int perFlow, long gapNanos) {
        try (PcapWriter w = PcapWriter.create(file, 1, true)) {
            long i = 0;
            for (int round = 0; round < perFlow; round++) {
                for (int f = 0; f < flows; f++) {
                    byte[] frame = frame(f, round);
                    w.write(START + i++ * gapNanos, frame.length, frame, 0, frame.length);
                }
            }
        }
        return file;
    }

    /** Packet {@code round} of flow {@code f}: even rounds client to server, odd rounds back. */
    static byte[] frame(int f, int round) {
        boolean v6 = f % 3 == 0;
        IpAddress client = IpAddress.parse(v6 ? "fd00::" + (f + 1) : "10.0." + (f / 200) + "." + (f % 200 + 1));
        IpAddress server = IpAddress.parse(v6 ? "2001:db8::80" : "203.0.113.80");
        int clientPort = 40_000 + f;
        int serverPort = f % 2 == 0 ? 443 : 53;
        byte[] payload = ("flow " + f + " packet " + round).getBytes();
        boolean out = round % 2 == 0;
        if (f % 2 == 0) {
            return out ? Frames.tcp(client, clientPort, server, serverPort, 0x18, payload)
                    : Frames.tcp(server, serverPort, client, clientPort, 0x18, payload);
        }
        return out ? Frames.udp(client, clientPort, server, serverPort, payload)
                : Frames.udp(server, serverPort, client, clientPort, payload);
    }

    /** The flow number a frame of {@link #frame} belongs to, read back from its payload. */
    static int flowOf(byte[] frame) {
        String text = new String(frame, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("flow ");
        return Integer.parseInt(text.substring(at + 5, text.indexOf(' ', at + 5)));
    }
}

package io.packetstream.bench.traffic;

import io.packetstream.agent.source.PcapFileSource;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.core.decode.LinkType;
import io.packetstream.testsupport.captures.CaptureFixtures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A LAN capture of any size made of test-support's real Ethernet captures (small frames: DNS, HTTP, ICMP, SSH,
 * VLAN-tagged traffic), repeated back to back: each repetition keeps its packets' order and spacing, squeezed so
 * that the whole runs at a given packet rate, and starts where the previous one ended, so time only moves forward.
 */
public final class LanCapture {

    /** The real captures repeated, all Ethernet. */
    static final List<String> SOURCES = List.of("ethernet.pcap", "vlan.pcap");

    private record Frame(long offsetNanos, int originalLength, byte[] bytes) {
    }

    private LanCapture() {
    }

    /**
     * @param packetsPerSecond capture-time rate of the result
     * @return the packets written
     */
    public static long write(Path out, long packets, int packetsPerSecond, PrintStream log) throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (String name : SOURCES) {
            List<Frame> one = read(CaptureFixtures.file(name));
            long first = one.get(0).offsetNanos();
            long span = Math.max(1, one.get(one.size() - 1).offsetNanos() - first);
            long squeezed = 1_000_000_000L * one.size() / packetsPerSecond; // this many packets at the rate
            long base = frames.isEmpty() ? 0 : frames.get(frames.size() - 1).offsetNanos() + 1;
            for (Frame f : one) {
                frames.add(new Frame(base + (f.offsetNanos() - first) * squeezed / span, f.originalLength(), f.bytes()));
            }
        }
        long repetition = frames.get(frames.size() - 1).offsetNanos() + 1_000_000_000L / packetsPerSecond;
        long start = 1_795_000_000_000_000_000L; // 2026-11-18, like the captures themselves
        long written = 0;
        try (PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET.value(), true)) {
            for (long r = 0; written < packets; r++) {
                for (Frame f : frames) {
                    if (written == packets) {
                        break;
                    }
                    writer.write(start + r * repetition + f.offsetNanos(), f.originalLength(), f.bytes(), 0,
                            f.bytes().length);
                    written++;
                }
            }
        }
        log.printf("wrote %,d packets of %s, repeated, at %,d packets/s into %s%n", written, SOURCES, packetsPerSecond,
                out);
        return written;
    }

    private static List<Frame> read(Path file) {
        List<Frame> frames = new ArrayList<>();
        try (PcapFileSource source = PcapFileSource.open(file)) {
            while (source.poll((time, original, link, frame, offset, captured) -> {
                if (link != LinkType.ETHERNET.value()) {
                    throw new IllegalStateException(file + " is not Ethernet");
                }
                byte[] copy = new byte[captured];
                System.arraycopy(frame, offset, copy, 0, captured);
                frames.add(new Frame(time, original, copy));
            }, 4096) > 0) {
                // reading
            }
        }
        return frames;
    }
}

package io.packetstream.bench.traffic;

import io.packetstream.agent.source.PcapFileSource;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.core.decode.LinkType;
import io.packetstream.testsupport.captures.CaptureFixtures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The "LAN capture" of the targets: the real small-frame traffic recorded for the tests (test-support's
 * {@code ethernet.pcap} then {@code vlan.pcap}: HTTP, DNS, SSH, ICMP, broadcasts, VLAN-tagged frames, IPv4 and IPv6)
 * played over and over into one classic pcap (Ethernet, microseconds) that tshark and our reader open. Each
 * repetition keeps the recording's bursts and pauses, scaled to the asked average rate, and follows the last, so
 * time only moves forward.
 */
public final class LanCapture {

    /** The recordings played, in this order; both Ethernet, so one pcap holds them. */
    public static final List<String> SOURCES = List.of("ethernet.pcap", "vlan.pcap");
    public static final long DEFAULT_PACKETS = 1_000_000;
    /** A busy LAN segment; the recordings themselves average ~5 packets/s (use rate 0 for that). */
    public static final int DEFAULT_RATE = 20_000;

    /** What was written. */
    public record Summary(Path file, long packets, long capturedBytes, long firstNanos, long lastNanos) {
    }

    private record Packet(long nanos, int originalLength, byte[] frame) {
    }

    private LanCapture() {
    }

    /**
     * @param out           the pcap file to write (replaced); never {@code null}
     * @param packets       how many packets, at least 2
     * @param packetsPerSec average capture rate; 0 keeps the recorded pace
     */
    public static Summary write(Path out, long packets, int packetsPerSec) {
        Objects.requireNonNull(out, "out");
        if (packets < 2 || packetsPerSec < 0) {
            throw new IllegalArgumentException("packets must be at least 2 and the rate 0 or more");
        }
        List<Packet> cycle = recordings();
        long[] times = cycle.stream().mapToLong(Packet::nanos).toArray();
        RepeatClock clock = new RepeatClock(times, packetsPerSec, times[0]);
        long bytes = 0;
        long first = 0;
        long last = 0;
        try (PcapWriter writer = PcapWriter.create(out, LinkType.ETHERNET.value(), false)) {
            for (long i = 0; i < packets; i++) {
                Packet p = cycle.get((int) (i % cycle.size()));
                last = clock.next();
                if (i == 0) {
                    first = last;
                }
                writer.write(last, p.originalLength(), p.frame(), 0, p.frame().length);
                bytes += p.frame().length;
            }
        }
        return new Summary(out, packets, bytes, first, last);
    }

    /** @return the recordings' packets in order, at their recorded times (the later file was recorded later) */
    private static List<Packet> recordings() {
        List<Packet> all = new ArrayList<>();
        for (String name : SOURCES) {
            try (PcapFileSource source = PcapFileSource.open(CaptureFixtures.file(name))) {
                while (source.poll((time, original, link, frame, from, length) -> {
                    if (link != LinkType.ETHERNET.value()) {
                        throw new IllegalStateException(name + " is not Ethernet");
                    }
                    all.add(new Packet(time, original, Arrays.copyOfRange(frame, from, from + length)));
                }, 1024) >= 0) {
                    // keep reading
                }
            }
        }
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).nanos() < all.get(i - 1).nanos()) {
                throw new IllegalStateException("the recordings overlap in time; " + SOURCES + " must follow each other");
            }
        }
        return all;
    }
}

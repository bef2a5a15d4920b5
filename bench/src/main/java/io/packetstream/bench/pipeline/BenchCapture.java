package io.packetstream.bench.pipeline;

import io.packetstream.agent.source.PcapFileSource;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.bench.traffic.SyntheticTraffic;
import io.packetstream.core.decode.LinkType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The benchmark's capture file and what the report needs to know about it: either generated (once per size and
 * rate, then reused from the work directory; the generator is seeded, so the file is the same every time) or a
 * real capture given with {@code --file}, read once to count it.
 *
 * @param file          the pcap or pcapng file
 * @param packets       packets in it
 * @param capturedBytes sum of captured frame lengths
 * @param firstNanos    capture time of the first packet
 * @param lastNanos     capture time of the last packet
 * @param synthetic     true for the generated capture, false for a real one (the targets differ)
 */
public record BenchCapture(Path file, long packets, long capturedBytes, long firstNanos, long lastNanos, boolean synthetic) {

    /** Bytes a packet adds to a stream record besides its frame (time, lengths, link type). */
    static final int RECORD_OVERHEAD = 13;
    private static final long SEED = 20261121L;

    /**
     * @return the seeded synthetic capture of {@code packets} at {@code rate} capture-time packets per second, written
     * to {@code dir} unless a previous run left it there
     */
    public static BenchCapture generate(Path dir, long packets, int rate, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("synthetic-" + packets + "-" + rate + ".pcap");
        Path stats = dir.resolve("synthetic-" + packets + "-" + rate + ".properties");
        if (Files.isRegularFile(file) && Files.isRegularFile(stats)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(stats)) {
                p.load(in);
            }
            out.println("reusing " + file);
            return new BenchCapture(file, Long.parseLong(p.getProperty("packets")), Long.parseLong(p.getProperty("bytes")),
                    Long.parseLong(p.getProperty("first")), Long.parseLong(p.getProperty("last")), true);
        }
        out.printf("generating %,d packets into %s …%n", packets, file);
        long[] totals = new long[3]; // bytes, first, last
        totals[1] = Long.MAX_VALUE;
        try (PcapWriter writer = PcapWriter.create(file, LinkType.ETHERNET.value(), true)) {
            new SyntheticTraffic(SEED, rate).generate(packets, (time, frame) -> {
                writer.write(time, frame.length, frame, 0, frame.length);
                totals[0] += frame.length;
                totals[1] = Math.min(totals[1], time);
                totals[2] = Math.max(totals[2], time);
            });
        }
        Properties p = new Properties();
        p.setProperty("packets", Long.toString(packets));
        p.setProperty("bytes", Long.toString(totals[0]));
        p.setProperty("first", Long.toString(totals[1]));
        p.setProperty("last", Long.toString(totals[2]));
        try (var o = Files.newOutputStream(stats)) {
            p.store(o, "synthetic capture statistics");
        }
        return new BenchCapture(file, packets, totals[0], totals[1], totals[2], true);
    }

    /** Reads a real capture once (our reader does millions of packets a second) for its counts and time span. */
    static BenchCapture scan(Path file, PrintStream out) {
        long[] totals = {0, 0, Long.MAX_VALUE, Long.MIN_VALUE}; // packets, bytes, first, last
        try (PcapFileSource source = PcapFileSource.open(file)) {
            while (source.poll((time, original, link, frame, offset, length) -> {
                totals[0]++;
                totals[1] += length;
                totals[2] = Math.min(totals[2], time);
                totals[3] = Math.max(totals[3], time);
            }, 4096) >= 0) {
                // keep reading
            }
            source.damage().ifPresent(d -> out.println(file + " ends early: " + d));
        }
        if (totals[0] == 0) {
            throw new IllegalArgumentException(file + " holds no packets");
        }
        out.printf("replaying %s (%,d packets)%n", file, totals[0]);
        return new BenchCapture(file, totals[0], totals[1], totals[2], totals[3], false);
    }

    /** @return a pcap file without packets, to register the shard count before the indexer starts */
    static Path empty(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("empty.pcap");
        try (PcapWriter writer = PcapWriter.create(file, LinkType.ETHERNET.value(), true)) {
            return file;
        }
    }

    double meanFrameBytes() {
        return (double) capturedBytes / packets;
    }

    int meanRecordBytes() {
        return (int) Math.round(meanFrameBytes()) + RECORD_OVERHEAD;
    }
}

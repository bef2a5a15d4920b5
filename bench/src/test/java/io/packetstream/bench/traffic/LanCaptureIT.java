package io.packetstream.bench.traffic;

import io.packetstream.agent.source.PcapFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LanCaptureIT {

    private static final long PACKETS = 5_000; // more than ten repetitions of the 367 recorded packets

    @Test
    void ourReaderReadsEveryPacketInTimeOrder(@TempDir Path dir) {
        LanCapture.Summary written = LanCapture.write(dir.resolve("lan.pcap"), PACKETS, 20_000);
        long[] count = {0};
        long[] previous = {Long.MIN_VALUE};
        boolean[] ordered = {true};
        try (PcapFileSource source = PcapFileSource.open(written.file())) {
            while (source.poll((time, original, link, frame, offset, length) -> {
                count[0]++;
                ordered[0] &= time > previous[0];
                previous[0] = time;
            }, 512) >= 0) {
                // keep reading
            }
            assertTrue(source.damage().isEmpty(), "clean end");
        }
        assertEquals(PACKETS, count[0]);
        assertTrue(ordered[0], "capture times strictly increase");
        assertEquals(written.lastNanos(), previous[0]);
        double rate = (PACKETS - 1) / ((written.lastNanos() - written.firstNanos()) / 1e9);
        assertEquals(20_000, rate, 2_000);
    }

    @Test
    void tsharkReadsEveryPacket(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = LanCapture.write(dir.resolve("lan.pcap"), PACKETS, 20_000).file();
        Process tshark;
        try {
            tshark = new ProcessBuilder(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.number"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            assumeTrue(false, "tshark is not installed");
            return;
        }
        String[] lines = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\n");
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tshark.exitValue());
        assertEquals(PACKETS, lines.length);
        assertEquals(Long.toString(PACKETS), lines[lines.length - 1].trim());
    }
}

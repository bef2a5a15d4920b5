package io.packetstream.agent.source;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the project's shared fixtures (test-support, {@code captures/}) and compares every packet with what
 * tshark reports for the same file. Skipped for fixtures not recorded yet, or where tshark is not installed.
 */
class SharedCapturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ethernet.pcap, 1, complete", "ethernet-nano.pcapng, 1, complete", "nano.pcap, 1, complete",
            "sll.pcap, 113, complete", "sll2.pcap, 276, complete", "rawip.pcap, 101, complete",
            "bsd-loopback.pcap, 0, complete", "snaplen64.pcap, 1, complete", "truncated.pcap, 1, truncated",
            "garbage.pcap, 1, complete", "unknown-linktype.pcap, 147, complete", "vlan.pcap, 1, complete"})
    void readsTheSharedFixtureAsTsharkDoes(String name, int linkType, String outcome) throws Exception {
        Path file = TestCaptures.find(TestCaptures.SHARED + name).orElse(null);
        Assumptions.assumeTrue(file != null, "fixture " + name + " not recorded yet");
        List<TestCaptures.Reference> expected = tshark(file);
        try (PcapFileSource source = PcapFileSource.open(file)) {
            List<Captured> packets = Captured.readAll(source);
            assertEquals(expected.size(), packets.size(), "packets of " + name);
            for (int i = 0; i < packets.size(); i++) {
                assertEquals(expected.get(i).timestampNanos(), packets.get(i).timestampNanos(), name + " packet " + i);
                assertEquals(expected.get(i).originalLength(), packets.get(i).originalLength(), name + " packet " + i);
                assertEquals(expected.get(i).capturedLength(), packets.get(i).data().length, name + " packet " + i);
                assertEquals(linkType, packets.get(i).linkType());
            }
            assertEquals(outcome, source.damage().map(d -> d.kind().tag()).orElse("complete"));
        }
    }

    private static List<TestCaptures.Reference> tshark(Path file) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tshark", ".tsv");
        try {
            Process p;
            try {
                p = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                        "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len")
                        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                Assumptions.abort("tshark is not installed");
                throw e;
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark took too long");
            return TestCaptures.reference(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

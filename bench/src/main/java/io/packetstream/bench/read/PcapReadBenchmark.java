package io.packetstream.bench.read;

import io.packetstream.agent.source.PcapFileSource;
import io.packetstream.agent.source.PcapWriter;
import io.packetstream.bench.traffic.SyntheticTraffic;
import io.packetstream.core.decode.LinkType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reading a capture file: our memory-mapped Java reader against pcap4j's offline reader (a JNA call into libpcap
 * per packet), on the same 200,000-packet file in the page cache. Scores are packets per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PcapReadBenchmark {

    static final int PACKETS = 200_000;

    private Path file;

    @Setup(Level.Trial)
    public void writeCapture() throws Exception {
        file = Files.createTempFile("packetstream-jmh-", ".pcap");
        try (PcapWriter writer = PcapWriter.create(file, LinkType.ETHERNET.value(), false)) {
            new SyntheticTraffic(1, 20_000).generate(PACKETS, (time, frame) -> writer.write(time, frame.length, frame, 0, frame.length));
        }
    }

    @TearDown(Level.Trial)
    public void deleteCapture() throws Exception {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long packetstreamReader() {
        long[] bytes = new long[1];
        try (PcapFileSource source = PcapFileSource.open(file)) {
            while (source.poll((t, o, l, frame, off, len) -> bytes[0] += frame[off + len - 1] + len, 1024) > 0) {
                // keep reading
            }
        }
        return bytes[0];
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long pcap4jOfflineReader() throws Exception {
        long bytes = 0;
        PcapHandle handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        try {
            while (true) {
                byte[] frame = handle.getNextRawPacketEx();
                bytes += frame[frame.length - 1] + frame.length + handle.getTimestamp().getNanos();
            }
        } catch (EOFException end) {
            return bytes;
        } finally {
            handle.close();
        }
    }
}

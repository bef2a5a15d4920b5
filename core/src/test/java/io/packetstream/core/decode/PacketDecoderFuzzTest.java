package io.packetstream.core.decode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds the decoder every captured test frame, mutated and cut at random (fixed seed), plus random
 * bytes, and checks that nothing but {@link MalformedPacketException} ever escapes, that a decoded
 * packet never points outside the captured bytes, and that bytes after the capture never matter.
 */
class PacketDecoderFuzzTest {

    private static final long SEED = 0x5EED_CAFEL;
    private static final int CASES = 200_000;
    private static final int[] LINK_TYPES = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276};
    /** Values that steer a decoder into its branches: versions, ethertypes, families, next headers. */
    private static final int[] TELLING_BYTES = {0x00, 0xFF, 0x45, 0x4F, 0x40, 0x60, 0x08, 0x86, 0xDD, 0x81,
            0x88, 0xA8, 0x91, 0x02, 24, 28, 30, 6, 17, 43, 44, 50, 51, 59, 60, 0x05, 0x50, 0xF0};

    private record Sample(int linkType, byte[] frame) {
    }

    @Test
    void onlyMalformedPacketExceptionEverEscapesAndPayloadsStayInTheCapture() {
        List<Sample> corpus = corpus();
        Random random = new Random(SEED);
        Map<MalformedPacketException.Reason, Integer> rejected = new EnumMap<>(MalformedPacketException.Reason.class);
        int withPorts = 0;
        int withoutPorts = 0;
        for (int i = 0; i < CASES; i++) {
            Sample base = corpus.get(random.nextInt(corpus.size()));
            int linkType = linkType(random, base.linkType());
            byte[] frame = random.nextInt(10) == 0 ? randomBytes(random) : mutate(random, base.frame());
            int capturedLength = random.nextBoolean() ? frame.length : random.nextInt(frame.length + 1);
            byte[] exact = Arrays.copyOf(frame, capturedLength);
            int index = i;
            Supplier<String> context = () -> "case " + index + ": link type " + linkType + ", frame "
                    + HexFormat.of().formatHex(exact);

            Outcome alone = decode(linkType, exact, 0, capturedLength, context);
            int offset = random.nextInt(64);
            byte[] embedded = new byte[offset + capturedLength + random.nextInt(64)];
            random.nextBytes(embedded);
            System.arraycopy(exact, 0, embedded, offset, capturedLength);
            Outcome inside = decode(linkType, embedded, offset, capturedLength, context);

            assertEquals(alone.reason(), inside.reason(), context);
            assertEquals(alone.packet().map(p -> shifted(p, offset)), inside.packet(), context);
            if (alone.reason() != null) {
                rejected.merge(alone.reason(), 1, Integer::sum);
            } else if (alone.packet().isPresent()) {
                if (alone.packet().get().hasPorts()) {
                    withPorts++;
                } else {
                    withoutPorts++;
                }
            }
        }
        // The run means something only if it reached every outcome often.
        for (MalformedPacketException.Reason reason : MalformedPacketException.Reason.values()) {
            assertTrue(rejected.getOrDefault(reason, 0) > CASES / 100, reason + " " + rejected);
        }
        assertTrue(withPorts > CASES / 10, "with ports: " + withPorts);
        assertTrue(withoutPorts > CASES / 20, "without ports: " + withoutPorts);
    }

    private record Outcome(Optional<IpPacket> packet, MalformedPacketException.Reason reason) {
    }

    private static Outcome decode(int linkType, byte[] frame, int offset, int capturedLength,
                                  Supplier<String> context) {
        Optional<IpPacket> packet;
        try {
            packet = PacketDecoder.decode(linkType, frame, offset, capturedLength);
        } catch (MalformedPacketException e) {
            return new Outcome(Optional.empty(), e.reason());
        } catch (RuntimeException e) {
            throw new AssertionError(context.get() + " threw " + e, e);
        }
        packet.ifPresent(p -> {
            CaptureFile.describe(p, frame, offset, capturedLength); // asserts the payload bounds
            assertEquals(p.src().length(), p.dst().length(), context);
        });
        return new Outcome(packet, null);
    }

    private static IpPacket shifted(IpPacket p, int offset) {
        return new IpPacket(p.src(), p.dst(), p.protocol(), p.srcPort(), p.dstPort(), p.hasPorts(), p.tcpFlags(),
                p.payloadOffset() + offset, p.payloadLength());
    }

    private static int linkType(Random random, int own) {
        int dice = random.nextInt(20);
        if (dice < 17) {
            return own;
        }
        return dice < 19 ? LINK_TYPES[random.nextInt(LINK_TYPES.length)] : random.nextInt(300) - 10;
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] frame = original.clone();
        int changes = random.nextInt(7);
        for (int c = 0; c < changes && frame.length > 0; c++) {
            // Headers live in the first 100 bytes; that is where a mutation finds the branches.
            int at = random.nextInt(Math.min(frame.length, random.nextBoolean() ? 100 : frame.length));
            frame[at] = (byte) (random.nextBoolean() ? random.nextInt(256)
                    : TELLING_BYTES[random.nextInt(TELLING_BYTES.length)]);
        }
        return frame;
    }

    private static byte[] randomBytes(Random random) {
        byte[] frame = new byte[random.nextInt(200)];
        random.nextBytes(frame);
        return frame;
    }

    private static List<Sample> corpus() {
        List<Sample> corpus = new ArrayList<>();
        for (String name : List.of("ethernet.pcap", "linux-sll.pcap", "linux-sll2.pcap", "raw-ip.pcap",
                "bsd-loopback.pcap", "big-tcp.pcap")) {
            CaptureFile file = CaptureFile.read(name);
            for (byte[] frame : file.frames()) {
                corpus.add(new Sample(file.linkType(), frame));
            }
        }
        return corpus;
    }
}

package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;
import io.packetstream.core.decode.IpPacket;
import io.packetstream.core.index.Endpoint;
import io.packetstream.core.record.PacketId;
import io.packetstream.core.time.CaptureTime;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One result object of an answer; one record type per question, each showing its fields in the order of the API's
 * documentation (README.md, docs/architecture.md).
 */
public sealed interface QueryResult extends Shown {

    /** Q1: {@code dst} is the connection's server side ({@code Connection.server()}), {@code src} the other. */
    record ActiveConnection(int protocol, Endpoint src, Endpoint dst, long lastSeenNanos) implements QueryResult {
        public ActiveConnection {
            Objects.requireNonNull(src, "src");
            Objects.requireNonNull(dst, "dst");
        }

        @Override
        public void show(Fields f) throws IOException {
            f.text("protocol", IpPacket.protocolName(protocol));
            endpoints(f, src, dst);
            f.time("lastSeen", lastSeenNanos);
        }
    }

    /** Q2: traffic between the two hosts in one UTC minute; bytes are original lengths on the wire. */
    record MinuteVolume(long epochMinute, long packets, long bytes) implements QueryResult {
        @Override
        public void show(Fields f) throws IOException {
            f.time("minute", epochMinute * CaptureTime.NANOS_PER_MINUTE);
            f.number("packets", packets);
            f.number("bytes", bytes);
        }
    }

    /** Q3: a host connected to the asked endpoint. */
    record Host(IpAddress host) implements QueryResult {
        public Host {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public void show(Fields f) throws IOException {
            f.address("host", host);
        }
    }

    /** Q4: a host and its well-known ports, ascending. */
    record HostServices(IpAddress host, List<Integer> ports) implements QueryResult {
        public HostServices {
            Objects.requireNonNull(host, "host");
            ports = List.copyOf(ports);
        }

        @Override
        public void show(Fields f) throws IOException {
            f.address("host", host);
            f.numbers("ports", ports);
        }
    }

    /** Q6: a local host and the outside hosts it exchanged packets with, ascending. */
    record OutsideTalker(IpAddress host, List<IpAddress> outsidePeers) implements QueryResult {
        public OutsideTalker {
            Objects.requireNonNull(host, "host");
            outsidePeers = List.copyOf(outsidePeers);
        }

        @Override
        public void show(Fields f) throws IOException {
            f.address("host", host);
            f.addresses("outsidePeers", outsidePeers);
        }
    }

    /**
     * Q5: a packet whose payload holds the sequence, with its frame exactly as captured (for pcap answers).
     *
     * @param id             shard, stream entry id and position in the entry
     * @param timeNanos      capture time
     * @param protocol       IP protocol number
     * @param src            source as the packet travelled (port 0 without ports)
     * @param dst            destination as the packet travelled
     * @param originalLength length on the wire
     * @param linkType       LINKTYPE_ of the frame
     * @param frame          the captured bytes (not copied: do not modify)
     */
    record PacketMatch(PacketId id, long timeNanos, String sensor, int protocol, Endpoint src, Endpoint dst,
                       int originalLength, int linkType, byte[] frame) implements QueryResult {
        public PacketMatch {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(src, "src");
            Objects.requireNonNull(dst, "dst");
            Objects.requireNonNull(frame, "frame");
        }

        public int capturedLength() {
            return frame.length;
        }

        @Override
        public void show(Fields f) throws IOException {
            f.text("id", id.toString());
            f.time("time", timeNanos);
            f.text("sensor", sensor);
            f.text("protocol", IpPacket.protocolName(protocol));
            endpoints(f, src, dst);
            f.number("length", originalLength);
            f.number("capturedLength", frame.length);
        }
    }

    private static void endpoints(Fields f, Endpoint src, Endpoint dst) throws IOException {
        f.address("src", src.address());
        f.number("srcPort", src.port());
        f.address("dst", dst.address());
        f.number("dstPort", dst.port());
    }
}

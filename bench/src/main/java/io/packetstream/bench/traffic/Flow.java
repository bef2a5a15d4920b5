package io.packetstream.bench.traffic;

import io.packetstream.core.address.IpAddress;

import java.util.Random;

/**
 * One synthetic flow: its endpoints, its kind and where it is in its life (handshake, data, teardown).
 */
final class Flow {

    private static final int SYN = 0x02, ACK = 0x10, PSH_ACK = 0x18, SYN_ACK = 0x12, FIN_ACK = 0x11;

    final IpAddress client;
    final IpAddress server;
    final int clientPort;
    final int serverPort;
    final boolean udp;
    private final boolean interactive;
    private final long gapNanos;
    private int remaining;
    private int step;
    long nextTime;

    private Flow(IpAddress client, IpAddress server, int clientPort, int serverPort, boolean udp, boolean interactive,
                 int packets, long start, long gapNanos) {
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.udp = udp;
        this.interactive = interactive;
        this.remaining = packets;
        this.nextTime = start;
        this.gapNanos = gapNanos;
    }

    static Flow open(Random random, HostPool hosts, long start, long meanGap) {
        boolean v6 = random.nextInt(10) == 0;
        int kind = random.nextInt(100);
        int clientPort = 32768 + random.nextInt(28000);
        if (kind < 55) { // HTTPS download from outside
            return new Flow(hosts.client(v6), hosts.server(v6, true), clientPort, 443, false, false,
                    6 + geometric(random, 40), start, meanGap);
        }
        if (kind < 70) { // HTTP, local or outside server
            return new Flow(hosts.client(v6), hosts.server(v6, random.nextBoolean()), clientPort, 80, false, false,
                    6 + geometric(random, 25), start, meanGap);
        }
        if (kind < 88) { // DNS query and answer
            return new Flow(hosts.client(v6), hosts.server(v6, random.nextInt(4) == 0), clientPort, 53, true, false,
                    2, start, meanGap / 10);
        }
        if (kind < 94) { // interactive SSH to a local server
            return new Flow(hosts.client(v6), hosts.server(v6, false), clientPort, 22, false, true,
                    6 + geometric(random, 60), start, meanGap * 2);
        }
        return new Flow(hosts.client(v6), hosts.server(v6, true), clientPort, 1024 + random.nextInt(40000), true, true,
                1 + geometric(random, 10), start, meanGap); // UDP to high ports (VoIP, games)
    }

    private static int geometric(Random random, int mean) {
        return (int) (-Math.log(1 - random.nextDouble()) * mean);
    }

    boolean finished() {
        return remaining <= 0;
    }

    /** Builds this flow's next packet and schedules the one after it. */
    byte[] nextFrame(Random random, byte[] marker, int markerOneIn) {
        remaining--;
        int s = step++;
        nextTime += 1 + (long) (-Math.log(1 - random.nextDouble()) * gapNanos);
        if (udp) {
            boolean query = s % 2 == 0;
            return SyntheticTraffic.frame(this, query, 0, payload(random, markerOneIn, interactive ? 160 : (query ? 40 : 120), marker));
        }
        if (s == 0) {
            return SyntheticTraffic.frame(this, true, SYN, new byte[0]);
        }
        if (s == 1) {
            return SyntheticTraffic.frame(this, false, SYN_ACK, new byte[0]);
        }
        if (s == 2) {
            return SyntheticTraffic.frame(this, true, ACK, new byte[0]);
        }
        if (remaining == 0) {
            return SyntheticTraffic.frame(this, s % 2 == 0, FIN_ACK, new byte[0]);
        }
        if (s == 3) {
            return SyntheticTraffic.frame(this, true, PSH_ACK, payload(random, markerOneIn, 200 + random.nextInt(400), marker));
        }
        if (interactive) {
            return SyntheticTraffic.frame(this, s % 2 == 0, PSH_ACK, payload(random, markerOneIn, 36 + random.nextInt(60), marker));
        }
        // downloads: two full-size segments from the server, then an ACK from the client
        boolean ack = s % 3 == 0;
        return ack ? SyntheticTraffic.frame(this, true, ACK, new byte[0])
                : SyntheticTraffic.frame(this, false, PSH_ACK, payload(random, markerOneIn, random.nextInt(8) == 0 ? 300 + random.nextInt(1000) : 1446, marker));
    }

    private static byte[] payload(Random random, int markerOneIn, int size, byte[] marker) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i += 8) {
            payload[i] = (byte) random.nextInt(); // sparse noise is enough: nothing compresses on the way
        }
        if (size >= marker.length && random.nextInt(markerOneIn) == 0) {
            System.arraycopy(marker, 0, payload, random.nextInt(size - marker.length + 1), marker.length);
        }
        return payload;
    }
}

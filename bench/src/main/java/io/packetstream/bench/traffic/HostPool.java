package io.packetstream.bench.traffic;

import io.packetstream.core.address.IpAddress;

import java.util.Random;

/**
 * The hosts of the synthetic network: local clients and servers (10.1/16, fd00::/64) and outside servers, picked
 * with a skew so a few servers are popular, as on a real network.
 */
final class HostPool {

    private final Random random;
    private final IpAddress[] localClients = new IpAddress[2000];
    private final IpAddress[] localClients6 = new IpAddress[200];
    private final IpAddress[] localServers = new IpAddress[40];
    private final IpAddress[] outsideServers = new IpAddress[800];
    private final IpAddress[] outsideServers6 = new IpAddress[80];

    HostPool(Random random) {
        this.random = random;
        for (int i = 0; i < localClients.length; i++) {
            localClients[i] = IpAddress.of(new byte[]{10, 1, (byte) (1 + i / 250), (byte) (1 + i % 250)});
        }
        for (int i = 0; i < localServers.length; i++) {
            localServers[i] = IpAddress.of(new byte[]{10, 1, 0, (byte) (1 + i)});
        }
        for (int i = 0; i < outsideServers.length; i++) {
            outsideServers[i] = IpAddress.of(new byte[]{(byte) (20 + i % 180), (byte) (i * 7), (byte) (i * 13), (byte) (1 + i % 200)});
        }
        for (int i = 0; i < localClients6.length; i++) {
            localClients6[i] = v6(0xfd00, i + 1);
        }
        for (int i = 0; i < outsideServers6.length; i++) {
            outsideServers6[i] = v6(0x2001, 0x100 + i);
        }
    }

    private static IpAddress v6(int top, int low) {
        byte[] b = new byte[16];
        b[0] = (byte) (top >>> 8);
        b[1] = (byte) top;
        b[14] = (byte) (low >>> 8);
        b[15] = (byte) low;
        return IpAddress.of(b);
    }

    IpAddress client(boolean v6) {
        return pick(v6 ? localClients6 : localClients);
    }

    IpAddress server(boolean v6, boolean outside) {
        if (v6) {
            return outside ? pick(outsideServers6) : localClients6[random.nextInt(8)];
        }
        return pick(outside ? outsideServers : localServers);
    }

    /** Skewed pick: low indexes are much more popular (roughly Zipf). */
    private IpAddress pick(IpAddress[] pool) {
        double u = random.nextDouble();
        return pool[(int) (pool.length * u * u * u)];
    }
}

package io.packetstream.core.index;

import io.packetstream.core.address.IpAddress;

import java.util.Comparator;
import java.util.Objects;

/**
 * One side of a connection: address and port (0 for protocols without ports).
 */
public record Endpoint(IpAddress address, int port) implements Comparable<Endpoint> {

    private static final Comparator<Endpoint> ORDER =
            Comparator.comparing(Endpoint::address).thenComparingInt(Endpoint::port);

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
    }

    @Override
    public int compareTo(Endpoint other) {
        return ORDER.compare(this, other);
    }
}

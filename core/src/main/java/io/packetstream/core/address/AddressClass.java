package io.packetstream.core.address;

/**
 * Where an address sits from the point of view of the monitored network.
 */
public enum AddressClass {
    /** In one of the configured local blocks (RFC 1918 and fc00::/7 by default). */
    LOCAL,
    /** Loopback, link-local, multicast, broadcast or unspecified. */
    SPECIAL,
    /** Neither local nor special. */
    OUTSIDE
}

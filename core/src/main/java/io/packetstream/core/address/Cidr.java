package io.packetstream.core.address;

import java.util.Objects;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        if (prefixLength < 0 || prefixLength > network.length() * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit " + network);
        }
    }

    /** @throws IllegalArgumentException for text that is not {@code address/length} */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block (address/length)");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
        }
        return new Cidr(IpAddress.parse(text.substring(0, slash)), length);
    }

    public boolean contains(IpAddress address) {
        if (address.length() != network.length()) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address.byteAt(i) != network.byteAt(i)) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address.byteAt(full) & mask) == (network.byteAt(full) & mask);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}

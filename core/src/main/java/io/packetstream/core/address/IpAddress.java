package io.packetstream.core.address;

import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 (4 bytes) or IPv6 (16 bytes) address as raw network-order bytes.
 *
 * <p>Immutable. Orders IPv4 before IPv6, then by unsigned bytes, which is the order every answer
 * of the query service is sorted in. {@link #toString()} is the canonical text form: dotted quad,
 * or RFC 5952 (compressed, lower case) for IPv6.
 */
public final class IpAddress implements Comparable<IpAddress> {

    private final byte[] bytes;
    private final int hash;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /**
     * @param bytes 4 or 16 network-order bytes, copied; never {@code null}
     * @return the address
     * @throws IllegalArgumentException if the length is neither 4 nor 16
     */
    public static IpAddress of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return of(bytes, 0, bytes.length);
    }

    /**
     * @param source the buffer holding the address; never {@code null}
     * @param offset where the address starts
     * @param length 4 or 16
     * @return the address, holding a copy of the bytes
     */
    public static IpAddress of(byte[] source, int offset, int length) {
        Objects.requireNonNull(source, "source");
        if (length != 4 && length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
        }
        return new IpAddress(Arrays.copyOfRange(source, offset, offset + length));
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal without ever touching DNS.
     *
     * @param text the literal; never {@code null}
     * @return the address
     * @throws IllegalArgumentException naming the text when it is no IP literal
     */
    public static IpAddress parse(String text) {
        return IpAddressText.parse(Objects.requireNonNull(text, "text"));
    }

    /** @return a copy of the network-order bytes */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** @return 4 or 16 */
    public int length() {
        return bytes.length;
    }

    /** @return the unsigned byte at {@code index} */
    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** Writes the raw bytes into {@code target} at {@code offset}; returns the offset after them. */
    public int writeTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
        return offset + bytes.length;
    }

    @Override
    public int compareTo(IpAddress other) {
        if (bytes.length != other.bytes.length) {
            return Integer.compare(bytes.length, other.bytes.length);
        }
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return IpAddressText.format(bytes);
    }
}

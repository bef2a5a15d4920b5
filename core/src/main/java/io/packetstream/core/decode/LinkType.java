package io.packetstream.core.decode;

import java.util.Optional;

/**
 * The link-layer header types (tcpdump.org LINKTYPE_ values) packetstream decodes.
 */
public enum LinkType {
    /** BSD loopback: 4-byte address family in the capturing host's byte order. */
    NULL(0),
    ETHERNET(1),
    /** Raw IP as some BSDs number it (DLT_RAW 12). */
    RAW_BSD(12),
    /** Raw IP as OpenBSD numbers it (DLT_RAW 14). */
    RAW_OPENBSD(14),
    RAW(101),
    /** OpenBSD loopback: 4-byte address family in network byte order. */
    LOOP(108),
    LINUX_SLL(113),
    IPV4(228),
    IPV6(229),
    LINUX_SLL2(276);

    private final int value;

    LinkType(int value) {
        this.value = value;
    }

    /** @return the LINKTYPE_ number written in capture files */
    public int value() {
        return value;
    }

    /** @return the link type with that number, or empty when packetstream cannot decode it */
    public static Optional<LinkType> of(int value) {
        for (LinkType type : values()) {
            if (type.value == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}

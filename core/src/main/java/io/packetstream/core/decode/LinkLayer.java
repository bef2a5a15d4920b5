package io.packetstream.core.decode;

import static io.packetstream.core.decode.FrameBytes.truncated;
import static io.packetstream.core.decode.FrameBytes.u16;
import static io.packetstream.core.decode.FrameBytes.u32;
import static io.packetstream.core.decode.FrameBytes.u32LittleEndian;

/**
 * Steps over the link-layer header to the IP header. The answer is packed into one {@code long}
 * (IP offset and the IP version the link layer announces) so the hot path allocates nothing.
 */
final class LinkLayer {

    /** The frame is well formed but carries no IP (ARP, LLDP, 802.3 length frames …). */
    static final long NOT_IP = -1;
    /** The link layer does not say which IP version follows: the first nibble does. */
    static final int ANY_VERSION = 0;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_OLD_QINQ = 0x9100;
    private static final int VLAN_TAG_LENGTH = 4;

    private static final int ETHERNET_HEADER_LENGTH = 14;
    private static final int SLL_HEADER_LENGTH = 16;
    private static final int SLL2_HEADER_LENGTH = 20;
    private static final int LOOPBACK_HEADER_LENGTH = 4;

    /** BSD address families: AF_INET everywhere, AF_INET6 on NetBSD/OpenBSD, FreeBSD, macOS. */
    private static final int BSD_AF_INET = 2;
    private static final int BSD_AF_INET6_BSD = 24;
    private static final int BSD_AF_INET6_FREEBSD = 28;
    private static final int BSD_AF_INET6_DARWIN = 30;

    /** Link types by LINKTYPE_ number; {@link LinkType#of} would copy {@code values()} per call. */
    private static final LinkType[] BY_NUMBER = byNumber();

    private LinkLayer() {
    }

    /**
     * @return {@link #NOT_IP}, or the IP header's offset and announced version packed by {@link #at}
     */
    static long locateIp(int linkType, byte[] frame, int start, int end) {
        LinkType type = linkType >= 0 && linkType < BY_NUMBER.length ? BY_NUMBER[linkType] : null;
        if (type == null) {
            throw new MalformedPacketException(MalformedPacketException.Reason.UNKNOWN_LINK_TYPE,
                    "link type " + linkType + " is not one packetstream decodes");
        }
        return switch (type) {
            case ETHERNET -> {
                requireHeader(ETHERNET_HEADER_LENGTH, start, end, "Ethernet");
                yield afterEthertype(frame, start + 12, start + ETHERNET_HEADER_LENGTH, end);
            }
            case LINUX_SLL -> {
                requireHeader(SLL_HEADER_LENGTH, start, end, "Linux cooked (SLL)");
                yield afterEthertype(frame, start + 14, start + SLL_HEADER_LENGTH, end);
            }
            case LINUX_SLL2 -> {
                requireHeader(SLL2_HEADER_LENGTH, start, end, "Linux cooked v2 (SLL2)");
                yield afterEthertype(frame, start, start + SLL2_HEADER_LENGTH, end);
            }
            case NULL -> {
                requireHeader(LOOPBACK_HEADER_LENGTH, start, end, "BSD loopback");
                // The capturing host wrote the family in its own byte order; no family value is
                // ambiguous between the two orders, so try both.
                int version = bsdFamilyVersion(u32(frame, start));
                if (version < 0) {
                    version = bsdFamilyVersion(u32LittleEndian(frame, start));
                }
                yield version < 0 ? NOT_IP : at(start + LOOPBACK_HEADER_LENGTH, version);
            }
            case LOOP -> {
                requireHeader(LOOPBACK_HEADER_LENGTH, start, end, "OpenBSD loopback");
                int version = bsdFamilyVersion(u32(frame, start));
                yield version < 0 ? NOT_IP : at(start + LOOPBACK_HEADER_LENGTH, version);
            }
            case RAW, RAW_BSD, RAW_OPENBSD -> at(start, ANY_VERSION);
            case IPV4 -> at(start, 4);
            case IPV6 -> at(start, 6);
        };
    }

    static int ipOffset(long located) {
        return (int) (located >>> 8);
    }

    static int announcedVersion(long located) {
        return (int) (located & 0xFF);
    }

    private static long at(int ipOffset, int version) {
        return (long) ipOffset << 8 | version;
    }

    /**
     * Reads the ethertype at {@code typeAt}, steps over any stack of VLAN tags (each one a TCI and
     * the next ethertype) starting at {@code payloadAt}, and says whether IP follows.
     */
    private static long afterEthertype(byte[] frame, int typeAt, int payloadAt, int end) {
        int type = u16(frame, typeAt);
        int position = payloadAt;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_OLD_QINQ) {
            if (end - position < VLAN_TAG_LENGTH) {
                throw truncated("VLAN tag cut short at byte " + position);
            }
            type = u16(frame, position + 2);
            position += VLAN_TAG_LENGTH;
        }
        // Anything else, including 802.3 length fields (<= 1500), carries no IP we decode.
        return switch (type) {
            case ETHERTYPE_IPV4 -> at(position, 4);
            case ETHERTYPE_IPV6 -> at(position, 6);
            default -> NOT_IP;
        };
    }

    private static int bsdFamilyVersion(long family) {
        if (family == BSD_AF_INET) {
            return 4;
        }
        if (family == BSD_AF_INET6_BSD || family == BSD_AF_INET6_FREEBSD || family == BSD_AF_INET6_DARWIN) {
            return 6;
        }
        return -1;
    }

    private static void requireHeader(int length, int start, int end, String name) {
        if (end - start < length) {
            throw truncated(name + " header needs " + length + " bytes, " + (end - start) + " captured");
        }
    }

    private static LinkType[] byNumber() {
        int max = 0;
        for (LinkType type : LinkType.values()) {
            max = Math.max(max, type.value());
        }
        LinkType[] table = new LinkType[max + 1];
        for (LinkType type : LinkType.values()) {
            table[type.value()] = type;
        }
        return table;
    }
}

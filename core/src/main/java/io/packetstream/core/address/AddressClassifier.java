package io.packetstream.core.address;

import java.util.List;
import java.util.Objects;

/**
 * Classifies addresses as local, special or outside. Special addresses are fixed; local blocks are configurable.
 */
public final class AddressClassifier {

    /** 10/8, 172.16/12, 192.168/16, fc00::/7. */
    public static final List<Cidr> DEFAULT_LOCAL = List.of(
            Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"), Cidr.parse("fc00::/7"));

    private static final List<Cidr> LOOPBACK_AND_LINK_LOCAL = List.of(
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("::1/128"), Cidr.parse("fe80::/10"));
    private static final List<Cidr> MULTICAST = List.of(Cidr.parse("224.0.0.0/4"), Cidr.parse("ff00::/8"));
    private static final IpAddress BROADCAST = IpAddress.parse("255.255.255.255");
    private static final IpAddress UNSPECIFIED_V4 = IpAddress.parse("0.0.0.0");
    private static final IpAddress UNSPECIFIED_V6 = IpAddress.parse("::");

    private final List<Cidr> local;

    /** @param local the blocks that count as local; never {@code null}, may be empty */
    public AddressClassifier(List<Cidr> local) {
        this.local = List.copyOf(Objects.requireNonNull(local, "local"));
    }

    /** @return a classifier with {@link #DEFAULT_LOCAL} */
    public static AddressClassifier defaults() {
        return new AddressClassifier(DEFAULT_LOCAL);
    }

    public AddressClass classify(IpAddress address) {
        if (isSpecial(address)) {
            return AddressClass.SPECIAL;
        }
        for (Cidr block : local) {
            if (block.contains(address)) {
                return AddressClass.LOCAL;
            }
        }
        return AddressClass.OUTSIDE;
    }

    /** @return true for multicast and the limited broadcast address, which never host a service (question 4) */
    public static boolean isMulticastOrBroadcast(IpAddress address) {
        return address.equals(BROADCAST) || anyContains(MULTICAST, address);
    }

    private static boolean isSpecial(IpAddress address) {
        return isMulticastOrBroadcast(address) || address.equals(UNSPECIFIED_V4) || address.equals(UNSPECIFIED_V6)
                || anyContains(LOOPBACK_AND_LINK_LOCAL, address);
    }

    private static boolean anyContains(List<Cidr> blocks, IpAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}

package io.packetstream.core.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressClassifierTest {

    private final AddressClassifier classifier = AddressClassifier.defaults();

    @ParameterizedTest
    @CsvSource({
            "10.10.0.11, LOCAL", "172.16.9.33, LOCAL", "172.31.255.255, LOCAL", "172.32.0.1, OUTSIDE",
            "192.168.1.1, LOCAL", "192.169.0.1, OUTSIDE", "fd00::11, LOCAL", "fc00::1, LOCAL", "fe00::1, OUTSIDE",
            "203.0.113.80, OUTSIDE", "53.175.248.10, OUTSIDE", "2001:db8::80, OUTSIDE",
            "127.0.0.1, SPECIAL", "::1, SPECIAL", "169.254.3.4, SPECIAL", "fe80::1, SPECIAL",
            "224.0.0.251, SPECIAL", "239.255.255.250, SPECIAL", "ff02::fb, SPECIAL",
            "255.255.255.255, SPECIAL", "0.0.0.0, SPECIAL", "::, SPECIAL",
    })
    void classifiesByTheDesignsBlocks(String address, AddressClass expected) {
        assertEquals(expected, classifier.classify(IpAddress.parse(address)));
    }

    @Test
    void localBlocksAreConfigurable() {
        AddressClassifier custom = new AddressClassifier(List.of(Cidr.parse("203.0.113.0/25")));
        assertEquals(AddressClass.LOCAL, custom.classify(IpAddress.parse("203.0.113.80")));
        assertEquals(AddressClass.OUTSIDE, custom.classify(IpAddress.parse("203.0.113.200")));
        assertEquals(AddressClass.OUTSIDE, custom.classify(IpAddress.parse("10.0.0.1")));
    }

    @Test
    void multicastAndBroadcastNeverHostServices() {
        assertTrue(AddressClassifier.isMulticastOrBroadcast(IpAddress.parse("224.0.0.251")));
        assertTrue(AddressClassifier.isMulticastOrBroadcast(IpAddress.parse("ff02::1")));
        assertTrue(AddressClassifier.isMulticastOrBroadcast(IpAddress.parse("255.255.255.255")));
        assertFalse(AddressClassifier.isMulticastOrBroadcast(IpAddress.parse("10.255.255.255")));
        assertFalse(AddressClassifier.isMulticastOrBroadcast(IpAddress.parse("127.0.0.1")));
    }

    @Test
    void cidrNeedsAPrefixThatFits() {
        assertTrue(Cidr.parse("10.0.0.0/9").contains(IpAddress.parse("10.127.0.1")));
        assertFalse(Cidr.parse("10.0.0.0/9").contains(IpAddress.parse("10.128.0.1")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}

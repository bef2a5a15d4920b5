package io.packetstream.agent.source;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveOpenFailureTest {

    private static final List<String> HERE = List.of("any", "eth0", "lo");

    @Test
    void anInterfaceThatDoesNotExistListsThoseThatDo() {
        assertEquals("interface 'eht0' does not exist (No such device exists); interfaces here: any, eth0, lo "
                        + "(--interface)",
                LiveOpenFailure.describe("eht0", "No such device exists", HERE, "/usr/bin/java"));
    }

    @Test
    void noPermissionGivesTheCommandThatGrantsIt() {
        assertEquals("no permission to capture on 'eth0' (socket: Operation not permitted): run the agent as root, "
                        + "or grant the capture capabilities to java once with: sudo setcap "
                        + "cap_net_raw,cap_net_admin=eip /usr/lib/jvm/java-17/bin/java",
                LiveOpenFailure.describe("eth0", "socket: Operation not permitted", HERE,
                        "/usr/lib/jvm/java-17/bin/java"));
    }

    @Test
    void libpcapMissingSaysWhichPackageToInstall() {
        assertEquals("live capture needs libpcap, which is not installed: apt-get install libpcap0.8 (Debian, "
                        + "Ubuntu) or dnf install libpcap (Fedora, RHEL); replaying files (--file) does not need it",
                LiveOpenFailure.libpcapMissing(new UnsatisfiedLinkError("Unable to load library 'pcap'"))
                        .getMessage());
    }

    @Test
    void otherRefusalsKeepLibpcapsWords() {
        assertEquals("cannot capture on interface 'eth0': eth0: That device is not up",
                LiveOpenFailure.describe("eth0", "eth0: That device is not up", HERE, "/usr/bin/java"));
    }
}

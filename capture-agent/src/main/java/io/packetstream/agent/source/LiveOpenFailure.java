package io.packetstream.agent.source;

import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The first-hour mistakes of live capture, each said with its remedy: libpcap not installed, an interface that
 * does not exist (with those that do), and no permission to capture (with the command that grants it).
 */
final class LiveOpenFailure {

    static final String INSTALL_LIBPCAP = "live capture needs libpcap, which is not installed: "
            + "apt-get install libpcap0.8 (Debian, Ubuntu) or dnf install libpcap (Fedora, RHEL); "
            + "replaying files (--file) does not need it";

    private LiveOpenFailure() {
    }

    /** @return why libpcap refused to open {@code interfaceName}, and what to do */
    static CaptureSourceException of(String interfaceName, PcapNativeException e) {
        return new CaptureSourceException(describe(interfaceName, String.valueOf(e.getMessage()), interfaces(),
                javaCommand()), e);
    }

    static CaptureSourceException libpcapMissing(LinkageError e) {
        return new CaptureSourceException(INSTALL_LIBPCAP, e);
    }

    /**
     * @param pcapMessage what libpcap said
     * @param here        the interfaces of this machine
     * @param java        the path of the running java binary
     */
    static String describe(String interfaceName, String pcapMessage, List<String> here, String java) {
        String m = pcapMessage.toLowerCase(Locale.ROOT);
        if (m.contains("no such device") || (!here.isEmpty() && !here.contains(interfaceName))) {
            return "interface '" + interfaceName + "' does not exist (" + pcapMessage + "); interfaces here: "
                    + (here.isEmpty() ? "none found" : String.join(", ", here)) + " (--interface)";
        }
        if (m.contains("operation not permitted") || m.contains("permission")) {
            return "no permission to capture on '" + interfaceName + "' (" + pcapMessage + "): run the agent as "
                    + "root, or grant the capture capabilities to java once with: sudo setcap "
                    + "cap_net_raw,cap_net_admin=eip " + java;
        }
        return "cannot capture on interface '" + interfaceName + "': " + pcapMessage;
    }

    /** @return the names libpcap lists, else the JDK's; empty when neither can say */
    private static List<String> interfaces() {
        try {
            return Pcaps.findAllDevs().stream().map(d -> d.getName()).sorted().toList();
        } catch (PcapNativeException | RuntimeException e) {
            try {
                return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                        .map(NetworkInterface::getName).sorted().toList();
            } catch (SocketException | RuntimeException again) {
                return List.of();
            }
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .map(c -> {
                    try {
                        return Path.of(c).toRealPath().toString();
                    } catch (java.io.IOException | RuntimeException e) {
                        return c;
                    }
                })
                .orElse("$(readlink -f $(command -v java))");
    }
}

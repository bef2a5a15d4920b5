package io.packetstream.core.metrics;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.packetstream.core.PacketstreamException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsServerIT {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aPortAnotherProgramHoldsIsOneLineThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            PacketstreamException e = assertThrows(PacketstreamException.class,
                    () -> MetricsServer.start(registry, "127.0.0.1", port));
            assertEquals("cannot listen on 127.0.0.1:" + port + " for metrics: port " + port + " is taken (another "
                    + "packetstream program, or an earlier one still running?): choose another with --metrics-port, "
                    + "or 0 for any free port", e.getMessage());
        }
    }

    @Test
    void aHostThatIsNoAddressOfThisMachineNamesItsFlag() {
        // TEST-NET-1 (RFC 5737): never assigned to a machine
        PacketstreamException e = assertThrows(PacketstreamException.class,
                () -> MetricsServer.start(registry, "192.0.2.1", 0));
        assertEquals("cannot listen on 192.0.2.1:0 for metrics: '192.0.2.1' is not an address of this machine: use "
                + "127.0.0.1, 0.0.0.0 or one of its addresses with --metrics-host", e.getMessage());
    }
}

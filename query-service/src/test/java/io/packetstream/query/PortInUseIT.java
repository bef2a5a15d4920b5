package io.packetstream.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.core.PacketstreamException;
import io.packetstream.core.keys.KeySchema;
import io.packetstream.core.redis.RedisOptions;
import io.packetstream.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A first-hour mistake: a second query service on the port of the first. */
class PortInUseIT {

    @Test
    void aTakenPortIsOneLineNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            PacketstreamException e = assertThrows(PacketstreamException.class, () -> QueryService.start(
                    QueryOptions.defaults().withPort(port), RedisOptions.of(TestRedis.shared().uri()),
                    new KeySchema("port"), new SimpleMeterRegistry()).close());
            assertEquals("cannot listen on 127.0.0.1:" + port + " for the query API: port " + port + " is taken "
                    + "(another packetstream program, or an earlier one still running?): choose another with --port, "
                    + "or 0 for any free port", e.getMessage());
        }
    }
}

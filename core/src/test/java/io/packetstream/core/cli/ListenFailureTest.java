package io.packetstream.core.cli;

import org.junit.jupiter.api.Test;

import java.net.BindException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListenFailureTest {

    @Test
    void aPrivilegedPortWithoutRootSaysWhichPortsAreFree() {
        RuntimeException bind = new RuntimeException("Failed to bind on [0.0.0.0:80]",
                new BindException("Permission denied"));
        assertEquals("cannot listen on 0.0.0.0:80 for the query API: ports below 1024 need root: choose a port from "
                        + "1024 up with --port",
                ListenFailure.of("the query API", "0.0.0.0", 80, "--host", "--port", bind).getMessage());
    }

    @Test
    void anythingElseKeepsTheSystemsWords() {
        RuntimeException bind = new RuntimeException("Failed to bind", new BindException("Too many open files"));
        assertEquals("cannot listen on 127.0.0.1:9 for metrics: Too many open files",
                ListenFailure.of("metrics", "127.0.0.1", 9, "--metrics-host", "--metrics-port", bind).getMessage());
    }
}

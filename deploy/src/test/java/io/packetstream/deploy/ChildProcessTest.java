package io.packetstream.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessTest {

    @Test
    void everyProgramExitsOnOutOfMemoryRatherThanLingering() {
        List<String> command = ChildProcess.command(Path.of("query-service.jar"), List.of("--port", "0"));
        int jar = command.indexOf("-jar");
        assertTrue(command.subList(0, jar).contains("-XX:+ExitOnOutOfMemoryError"), command::toString);
        assertEquals(List.of("query-service.jar", "--port", "0"), command.subList(jar + 1, command.size()));
    }
}

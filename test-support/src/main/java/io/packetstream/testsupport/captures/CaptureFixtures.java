package io.packetstream.testsupport.captures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real captures recorded for tests (see {@code captures/README.md} in this module's resources) and their
 * expected answers, computed by the independent reference in {@code test-support/scripts/reference.py}.
 *
 * <p>Fixtures live on the classpath, which is a jar in a reactor build, so they are copied to files once per JVM.
 */
public final class CaptureFixtures {

    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();

    private CaptureFixtures() {
    }

    /**
     * @param name a file under {@code captures/}, e.g. {@code ethernet.pcap} or {@code expected/pipeline.json}
     * @return a readable file with its bytes
     * @throws IllegalArgumentException when there is no such fixture
     */
    public static Path file(String name) {
        return FILES.computeIfAbsent(name, CaptureFixtures::copy);
    }

    private static Path copy(String name) {
        String resource = "/captures/" + name;
        try (InputStream in = CaptureFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture fixture " + resource);
            }
            String suffix = name.substring(name.lastIndexOf('/') + 1);
            Path file = Files.createTempFile("packetstream-fixture-", "-" + suffix);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy fixture " + resource, e);
        }
    }
}

package io.packetstream.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The capture bundled with the launcher: real traffic recorded in network namespaces (see
 * test-support/src/main/resources/captures/README.md), with an answer to each of the six questions.
 */
final class SampleCapture {

    static final String RESOURCE = "/sample/ethernet.pcap";

    private SampleCapture() {
    }

    static Path extract() {
        try (InputStream in = SampleCapture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the launcher jar holds no " + RESOURCE);
            }
            Path file = Files.createTempFile("packetstream-sample-", ".pcap");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the sample capture", e);
        }
    }
}

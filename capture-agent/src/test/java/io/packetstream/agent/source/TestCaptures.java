package io.packetstream.agent.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds capture files on the test class path and reads their tshark reference values. */
public final class TestCaptures {

    /** The agent's own captures, recorded by src/test/scripts/record-test-captures.sh. */
    public static final String OWN = "/agent-captures/";
    /** The project's shared fixtures in test-support (may not exist yet). */
    public static final String SHARED = "/captures/";

    /** What tshark says of one packet. */
    public record Reference(long timestampNanos, int originalLength, int capturedLength) {
    }

    private TestCaptures() {
    }

    /** @return a file path for a class-path resource (copied out of a jar if need be), empty if there is none */
    public static Optional<Path> find(String resource) {
        URL url = TestCaptures.class.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Optional.of(Path.of(url.toURI()));
            }
            Path copy = Files.createTempFile("capture-", "-" + Path.of(resource).getFileName());
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path own(String name) {
        return find(OWN + name).orElseThrow(() -> new IllegalStateException("no test capture " + name));
    }

    /** Reads {@code <capture>.tshark.tsv}: epoch time with 6 or 9 decimals, frame.len, frame.cap_len. */
    public static List<Reference> reference(Path tsv) {
        try {
            List<Reference> out = new ArrayList<>();
            for (String line : Files.readAllLines(tsv)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                long nanos = new BigDecimal(f[0]).movePointRight(9).longValueExact();
                out.add(new Reference(nanos, Integer.parseInt(f[1]), Integer.parseInt(f[2])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

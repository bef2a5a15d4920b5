package io.packetstream.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a chaos run did and found, line by line with the time since the start: printed as it happens (so a hung
 * run shows how far it got) and written to a file at the end.
 */
final class ChaosReport {

    private final long start = System.nanoTime();
    private final List<String> lines = new ArrayList<>();

    /** Adds a line stamped with the seconds since the run started. */
    synchronized void event(String text) {
        add(String.format(Locale.ROOT, "%+8.3fs  %s", (System.nanoTime() - start) / 1e9, text));
    }

    /** Adds a line without a time stamp (headings, totals). */
    synchronized void line(String text) {
        add(text);
    }

    private void add(String line) {
        lines.add(line);
        System.out.println("[chaos] " + line);
    }

    synchronized void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.packetstream.deploy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the runnable jar of each program in a built checkout: {@code <root>/<module>/target/<module>.jar}.
 */
final class ModuleJars {

    private final Path root;

    ModuleJars(Path root) {
        this.root = root;
    }

    /** The checkout this launcher was built in: its jar sits at {@code <root>/deploy/target/deploy.jar}. */
    static Path checkoutRoot() {
        try {
            Path self = Path.of(LauncherMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the launcher runs from; pass --jars", e);
        }
    }

    Path jar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with 'mvn -B -DskipTests package'");
        }
        return jar;
    }
}

package io.packetstream.core.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} of every program: {@code packetstream <program> <version>}, the version from the runnable jar's
 * manifest ({@code Implementation-Version}, written by the build), "development" when run from classes.
 */
public final class VersionProvider implements IVersionProvider {

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{"packetstream " + spec.name() + " " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version")};
    }
}

package io.packetstream.deploy;

import io.packetstream.core.cli.EnvironmentDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a program accepts, read from its picocli command: its flags, and the environment variable of each flag
 * ({@link EnvironmentDefaults}: {@code --max-len} is {@code PACKETSTREAM_MAX_LEN}), so deployment files are checked
 * against the programs themselves.
 */
record ProgramSurface(String name, Set<String> flags, Set<String> environment) {

    static ProgramSurface of(Object mainCommand) {
        CommandSpec spec = new CommandLine(mainCommand).getCommandSpec();
        if (!(spec.defaultValueProvider() instanceof EnvironmentDefaults)) {
            throw new IllegalStateException(spec.name() + " does not read its flags from the environment");
        }
        Set<String> flags = new TreeSet<>();
        Set<String> environment = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            flags.addAll(Set.of(o.names()));
            if (!o.usageHelp() && !o.versionHelp()) {
                environment.add(EnvironmentDefaults.variable(o));
            }
        }
        return new ProgramSurface(spec.name(), flags, environment);
    }
}

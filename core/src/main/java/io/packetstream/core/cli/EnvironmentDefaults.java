package io.packetstream.core.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where every flag of every program gets its default: the environment variable named after the flag
 * ({@code --max-len} reads {@code PACKETSTREAM_MAX_LEN}), else the field's initial value, which the programs take
 * from their options' {@code DEFAULT_*} constants. So a default is written once, as a constant, and never again as
 * a literal in an annotation; help shows it through {@code ${DEFAULT-VALUE}}.
 *
 * <p>Use it with {@code @Command(defaultValueProvider = EnvironmentDefaults.class)} and leave {@code defaultValue}
 * out of the {@code @Option}s.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    /** What every variable name starts with. */
    public static final String PREFIX = "PACKETSTREAM_";

    private final Map<String, String> environment;

    /** Reads the process environment. */
    public EnvironmentDefaults() {
        this(System.getenv());
    }

    /** @param environment the variables to read, e.g. a fixed map in tests */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * @return the environment variable of an option: {@link #PREFIX} and its first name in upper case, dashes as
     * underscores ({@code --redis-timeout}: {@code PACKETSTREAM_REDIS_TIMEOUT}); the first name, because the
     * longest of a negatable flag is its {@code --no-} form
     */
    public static String variable(OptionSpec option) {
        String name = option.names()[0].replaceFirst("^-+", "");
        return PREFIX + name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String fromEnvironment = environment.get(variable(option));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Object initial = option.initialValue();
        if (initial instanceof Collection<?> values) {
            // a split list: the items joined as a user would write them; an empty list stays the field's own
            return values.isEmpty() || option.splitRegex().isEmpty() ? null
                    : values.stream().map(v -> text(option, v)).collect(Collectors.joining(option.splitRegex()));
        }
        return initial == null ? null : text(option, initial);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(OptionSpec option, Object value) {
        for (ITypeConverter<?> converter : option.converters()) {
            if (converter instanceof FlagText text) {
                return text.text(value);
            }
        }
        return value.toString();
    }
}

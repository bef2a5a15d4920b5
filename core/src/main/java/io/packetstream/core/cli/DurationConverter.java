package io.packetstream.core.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way operators write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 12h}, {@code 7d},
 * or ISO-8601 ({@code PT30S}); writes them back in the short form where one fits.
 */
public final class DurationConverter implements ITypeConverter<Duration>, FlagText<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Matcher m = SHORT.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 250ms, 30s, 5m, 12h, 7d)");
        }
    }

    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    @Override
    public String text(Duration value) {
        if (value.isZero()) {
            return "0s";
        }
        if (value.isNegative() || !Duration.ofMillis(value.toMillis()).equals(value)) {
            return value.toString(); // below a millisecond or negative: only ISO-8601 says it
        }
        long millis = value.toMillis();
        int unit = 0;
        while (millis % UNIT_MILLIS[unit] != 0) {
            unit++;
        }
        return millis / UNIT_MILLIS[unit] + UNITS[unit];
    }
}

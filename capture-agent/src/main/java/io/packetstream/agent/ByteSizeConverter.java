package io.packetstream.agent;

import io.packetstream.core.cli.FlagText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads byte sizes the way operators write them: {@code 262144}, {@code 256k}, {@code 256KiB}, {@code 64m},
 * {@code 1g} (binary multiples); writes them back with the largest whole multiple.
 */
final class ByteSizeConverter implements ITypeConverter<Long>, FlagText<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size (e.g. 262144, 256k, 64m, 1g)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            default -> 0;
        };
        if (Long.numberOfLeadingZeros(n) <= shift) {
            throw new TypeConversionException("'" + value + "' is too large");
        }
        return n << shift;
    }

    @Override
    public String text(Long value) {
        for (int shift = 30; shift > 0; shift -= 10) {
            if (value > 0 && value % (1L << shift) == 0) {
                return (value >> shift) + (shift == 30 ? "g" : shift == 20 ? "m" : "k");
            }
        }
        return value.toString();
    }
}

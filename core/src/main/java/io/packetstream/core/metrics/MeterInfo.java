package io.packetstream.core.metrics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A meter's lowercase dotted name, description and base unit.
 */
public record MeterInfo(String name, String description, String baseUnit) {

    private static final Pattern NAME = Pattern.compile("packetstream(\\.[a-z0-9]+)+");

    public MeterInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseUnit, "baseUnit");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("meter name '" + name + "' must be lowercase, dotted, under packetstream.");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException("meter " + name + " needs a description");
        }
    }
}

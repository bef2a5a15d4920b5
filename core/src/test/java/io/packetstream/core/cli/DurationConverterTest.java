package io.packetstream.core.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsOperatorUnitsAndIso() {
        assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
        assertEquals(Duration.ofDays(7), converter.convert("7d"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofSeconds(30), converter.convert("PT30S"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-5s"));
    }

    @Test
    void writesTheLargestWholeUnitAndReadsItBack() {
        assertEquals("7d", converter.text(Duration.ofDays(7)));
        assertEquals("90m", converter.text(Duration.ofMinutes(90)));
        assertEquals("1500ms", converter.text(Duration.ofMillis(1500)));
        assertEquals("0s", converter.text(Duration.ZERO));
        assertEquals("PT0.0000005S", converter.text(Duration.ofNanos(500)), "below a millisecond: ISO-8601");
        for (Duration d : new Duration[]{Duration.ofHours(36), Duration.ofMillis(5), Duration.ofNanos(500)}) {
            assertEquals(d, converter.convert(converter.text(d)));
        }
    }
}

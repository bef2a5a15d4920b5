package io.packetstream.core.cli;

/**
 * A converter that can also write a value back as a user would type it, so that a default taken from a
 * {@code DEFAULT_*} constant shows in help as {@code 5s} or {@code 256k} rather than {@code PT5S} or {@code 262144}.
 *
 * @param <T> the converted type
 */
public interface FlagText<T> {

    /** @return flag text that this converter reads back as {@code value} */
    String text(T value);
}

package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request's parameters as the questions read them, already checked: each method throws the caller's
 * bad-input exception, naming the parameter, for a value it cannot take. Implemented by the HTTP layer.
 */
public interface QuestionParameters {

    /** @return the {@code sensor} asked, if any */
    Optional<String> sensor();

    /** @return {@code from}, {@code to} and {@code sensor}, open where not given */
    Question.Scope scope();

    /** @return a required address */
    IpAddress address(String name);

    /** @return a time, if given */
    OptionalLong time(String name);

    /** @return a port, or {@code absent} when not given */
    int port(String name, int absent);

    /** @return a required, non-empty byte sequence given as hex */
    byte[] hex(String name);

    /** @return a result limit, or the deployment's default when not given */
    int limit(String name);
}

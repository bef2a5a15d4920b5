package io.packetstream.query.read;

import io.packetstream.core.address.IpAddress;

import java.io.IOException;
import java.util.List;

/**
 * Where a result or a change shows its fields, in order, by name and kind of value; the JSON renderer is one.
 * The formats of results and changes thereby live with the results and questions, and the renderer knows only
 * how each kind of value is written.
 */
public interface Fields {

    void text(String name, String value) throws IOException;

    void number(String name, long value) throws IOException;

    /** An address in its canonical text. */
    void address(String name, IpAddress value) throws IOException;

    /** A capture time, ns since the epoch, in RFC 3339 UTC. */
    void time(String name, long nanos) throws IOException;

    void addresses(String name, List<IpAddress> values) throws IOException;

    void numbers(String name, List<Integer> values) throws IOException;
}

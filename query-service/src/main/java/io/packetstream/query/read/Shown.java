package io.packetstream.query.read;

import java.io.IOException;

/**
 * Something clients see as one object: a result of an answer, or a change as its question shows it.
 */
@FunctionalInterface
public interface Shown {

    /** Writes the object's fields, in the order of the API's documentation. */
    void show(Fields fields) throws IOException;
}

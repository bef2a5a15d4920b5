package io.packetstream.agent;

import io.packetstream.core.PacketstreamException;

/**
 * The agent cannot run or cannot go on: a bad file, Redis unreachable within the connect timeout, a shard count
 * that differs from the namespace's. The message is one line an operator can act on.
 */
public class AgentException extends PacketstreamException {

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}

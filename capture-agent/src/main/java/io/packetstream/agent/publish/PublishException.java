package io.packetstream.agent.publish;

import io.packetstream.core.PacketstreamException;

/**
 * Publishing cannot go on: the deployment's shard count differs from ours, or Redis rejects our entries for a
 * reason retrying cannot fix (wrong key type, no permission). The message is one line for an operator.
 */
public class PublishException extends PacketstreamException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

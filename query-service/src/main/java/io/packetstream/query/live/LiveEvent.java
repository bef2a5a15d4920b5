package io.packetstream.query.live;

import java.util.Objects;
import java.util.Optional;

/**
 * One event of a live subscription, before framing (SSE or NDJSON). Data are JSON objects' text.
 */
public sealed interface LiveEvent {

    /** @return the event name: {@code answer}, {@code change}, {@code overflow}, {@code error}, {@code heartbeat} */
    String name();

    /** The whole current answer, {@code {"results":[…],"meta":{…}}}, with the positions read before it. */
    record Answer(String id, String data) implements LiveEvent {
        public Answer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String name() {
            return "answer";
        }
    }

    /** One change concerning the subscription; {@code id} is where to resume after it. */
    record Change(String id, String data) implements LiveEvent {
        public Change {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String name() {
            return "change";
        }
    }

    /** The last event: the client read too slowly; resume from {@code lastEventId}, the last id it was sent. */
    record Overflow(String lastEventId) implements LiveEvent {
        public Overflow {
            Objects.requireNonNull(lastEventId, "lastEventId");
        }

        @Override
        public String name() {
            return "overflow";
        }
    }

    /** The last event: the subscription cannot go on, for the reason given. */
    record Failed(String message, String lastEventId) implements LiveEvent {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(lastEventId, "lastEventId");
        }

        @Override
        public String name() {
            return "error";
        }
    }

    /**
     * Nothing happened for a while. Carries an id when skipped events moved the position since the last id sent,
     * so a client that reconnects does not re-read them.
     */
    record Heartbeat(Optional<String> id) implements LiveEvent {
        public Heartbeat {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String name() {
            return "heartbeat";
        }
    }
}

package io.packetstream.indexer;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.packetstream.core.PacketstreamException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the indexer waits out at start and what it exits on. The failures are those the chaos suite (e2e ChaosIT)
 * met when Redis was killed or restarted while an indexer started: each made the indexer exit with code 1.
 */
class StartOutageTest {

    private static PacketstreamException atStart(Throwable cause) {
        return new PacketstreamException("cannot start the indexer: " + cause.getMessage(), cause);
    }

    @Test
    void aConnectionResetWhileStartingIsWaitedOut() {
        assertTrue(Indexer.worthWaiting(atStart(new RedisException(
                new IOException("recvAddress(..) failed: Connection reset by peer")))));
    }

    @Test
    void aConnectionLostBetweenStartupCommandsIsWaitedOut() {
        assertTrue(Indexer.worthWaiting(atStart(new RedisException("Currently not connected. Commands are rejected."))));
        assertTrue(Indexer.worthWaiting(atStart(new RedisException("Connection closed"))));
    }

    @Test
    void aWrongPasswordIsNotWaitedOut() {
        assertFalse(Indexer.worthWaiting(atStart(new RedisCommandExecutionException(
                "WRONGPASS invalid username-password pair or user is disabled."))));
    }
}

package io.packetstream.query.http;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureTest {

    @Test
    void redisOutagesAre503() {
        for (Throwable e : new Throwable[]{new RedisException("Currently not connected. Commands are rejected."),
                new RedisConnectionException("Unable to connect"), new RedisCommandTimeoutException("slow"),
                new TimeoutException("no reply"), new RedisCommandExecutionException("LOADING Redis is loading")}) {
            Failure f = Failure.of(e);
            assertEquals(503, f.status(), e.toString());
            assertTrue(f.message().startsWith("redis unavailable: "), f.message());
            assertTrue(f.redis());
        }
    }

    @Test
    void redisErrorRepliesAre500() {
        Failure f = Failure.of(new RedisCommandExecutionException("WRONGTYPE Operation against a key"));
        assertEquals(500, f.status());
        assertTrue(f.redis());
    }

    @Test
    void badRequestsKeepTheirParameter() {
        Failure f = Failure.of(ApiException.badRequest("hex", "hex: odd"));
        assertEquals(400, f.status());
        assertEquals(Optional.of("hex"), f.parameter());
        assertFalse(f.redis());
    }

    @Test
    void anythingElseIsAnInternalError() {
        Failure f = Failure.of(new IllegalStateException("boom"));
        assertEquals(500, f.status());
        assertEquals("internal error: boom", f.message());
    }
}

package io.packetstream.core.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisRefusalTest {

    @Test
    void permissionAndPasswordErrorsAreRefusalsWhereverTheyAreWrapped() {
        String noperm = "NOPERM User agent has no permissions to access the 'ps:config' key";
        assertTrue(RedisRefusal.of(new RedisCommandExecutionException(noperm)).orElseThrow().contains("permission"));
        RedisConnectionException wrapped = new RedisConnectionException("Unable to connect to redis://u:pw@h:1",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled."));
        String message = RedisRefusal.of(wrapped).orElseThrow();
        assertTrue(message.contains("credentials"), message);
    }

    @Test
    void anOutageIsNoRefusal() {
        assertEquals(Optional.empty(), RedisRefusal.of(new RedisConnectionException("Unable to connect to h:1")));
        assertEquals(Optional.empty(), RedisRefusal.of(new RedisCommandExecutionException("LOADING Redis is loading")));
    }
}

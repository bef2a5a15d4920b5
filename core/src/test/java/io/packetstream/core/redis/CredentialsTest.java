package io.packetstream.core.redis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CredentialsTest {

    @Test
    void passwordOfEveryUrlFormIsHidden() {
        assertEquals("redis://:***@10.0.0.1:6379", Credentials.mask("redis://:hunter2@10.0.0.1:6379"));
        assertEquals("rediss://alice:***@redis.example:6380/2",
                Credentials.mask("rediss://alice:hunter2@redis.example:6380/2"));
        assertEquals("redis://***@host", Credentials.mask("redis://hunter2@host"));
        assertEquals("REDIS-SENTINEL://:***@h:26379", Credentials.mask("REDIS-SENTINEL://:hunter2@h:26379"));
    }

    @Test
    void passwordHoldingAnAtSignIsHiddenWhole() {
        assertEquals("redis://bob:***@host:1", Credentials.mask("redis://bob:p@ss@word@host:1"));
    }

    @Test
    void everyUrlInAMessageIsMaskedAndTheRestKept() {
        String message = "cannot reach Redis at [redis://:one@a:1, rediss://u:two@b:2] (WRONGPASS): see redis://c:3";
        assertEquals("cannot reach Redis at [redis://:***@a:1, rediss://u:***@b:2] (WRONGPASS): see redis://c:3",
                Credentials.mask(message));
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        for (String text : new String[]{"", "redis://127.0.0.1:6379", "mail me at a@b.c", "http://u:p@web/"}) {
            assertEquals(text, Credentials.mask(text));
        }
    }

    @Test
    void exceptionMessagesAreMasked() {
        assertEquals("bad redis://:***@h", Credentials.message(new IllegalStateException("bad redis://:pw@h")));
        assertEquals("IllegalStateException", Credentials.message(new IllegalStateException()));
        assertFalse(Credentials.message(new RuntimeException("x", new RuntimeException("redis://:pw@h"))).contains("pw"));
    }
}

package io.packetstream.indexer.consume;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packetstream.indexer.IndexerMeters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureLogTest {

    @Test
    void outagesAndFailingCommandsAreToldApart() {
        assertEquals(FailureLog.Kind.CONNECTION, FailureLog.classify(new RedisConnectionException("refused")));
        assertEquals(FailureLog.Kind.CONNECTION, FailureLog.classify(new RedisException("Currently not connected")));
        assertEquals(FailureLog.Kind.TIMEOUT, FailureLog.classify(new RedisCommandTimeoutException("slow")));
        assertEquals(FailureLog.Kind.UNAVAILABLE,
                FailureLog.classify(new RedisCommandExecutionException("LOADING Redis is loading the dataset")));
        assertEquals(FailureLog.Kind.COMMAND,
                FailureLog.classify(new RedisCommandExecutionException("WRONGTYPE packetstream commit: …")));
        assertEquals(FailureLog.Kind.INTERNAL, FailureLog.classify(new NullPointerException()));
    }

    @Test
    void everyFailureIsCountedByKind() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FailureLog log = new FailureLog(0, Duration.ofSeconds(5), new ConsumerMetrics(registry, new AtomicLong()));

        log.failed(new RedisConnectionException("refused"));
        log.failed(new RedisConnectionException("refused"));
        log.succeeded();
        log.failed(new RedisCommandExecutionException("ERR Error running script"));

        assertEquals(2, registry.get(IndexerMeters.ERRORS.meterName()).tag("kind", "connection").counter().count());
        assertEquals(1, registry.get(IndexerMeters.ERRORS.meterName()).tag("kind", "command").counter().count());
    }
}

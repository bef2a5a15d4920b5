package io.packetstream.query.read;

import io.micrometer.core.instrument.MeterRegistry;
import io.packetstream.query.QueryMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a reader had to skip, so nothing is dropped silently: index members that do not decode, stream
 * entries that are no packet record, frames the decoder rejects. Logged at WARN, one line per skip.
 */
final class IndexFailures {

    private static final Logger log = LoggerFactory.getLogger(IndexFailures.class);

    private final MeterRegistry registry;

    IndexFailures(MeterRegistry registry) {
        this.registry = registry;
    }

    void badMember(String question, String key, RuntimeException e) {
        QueryMeters.SKIPPED.counter(registry, "question", question, "reason", "bad_member").increment();
        log.warn("skipped an index member of {} that does not decode: {}", key, e.getMessage());
    }

    void badRecord(String entry, RuntimeException e) {
        QueryMeters.SKIPPED.counter(registry, "question", "q5", "reason", "bad_record").increment();
        log.warn("skipped stream entry {}: {}", entry, e.getMessage());
    }

    void badPacket(String reason) {
        QueryMeters.SKIPPED.counter(registry, "question", "q5", "reason", reason).increment();
    }
}

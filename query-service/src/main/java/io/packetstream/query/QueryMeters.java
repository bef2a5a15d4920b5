package io.packetstream.query;

import io.packetstream.core.metrics.MeterInfo;
import io.packetstream.core.metrics.MeterSpec;

/**
 * Every meter of the query service, declared once.
 */
public enum QueryMeters implements MeterSpec {
    /** Tags: {@code question} (q1…q6, health, metrics, page, none) and {@code status} (the HTTP status). */
    REQUESTS("packetstream.query.requests", "HTTP requests answered, by question and status", "seconds"),
    /** Tags: {@code question}. */
    RESULTS("packetstream.query.results", "Result objects sent", "results"),
    /** Tags: {@code question}. */
    REDIS_ERRORS("packetstream.query.redis.errors", "Queries that failed because Redis was unreachable, slow or erred",
            "errors"),
    PACKETS_SCANNED("packetstream.query.packets.scanned", "Packets decoded while scanning streams for question 5",
            "packets"),
    /** Tags: {@code question}, {@code reason} (bad_member, bad_record, a decoder reason, pcap_link_type). */
    SKIPPED("packetstream.query.skipped", "Index members, stream entries or packets skipped because they do not decode",
            "items"),
    /** Tags: {@code question}. A gauge. */
    SUBSCRIBERS("packetstream.query.subscribers", "Live subscriptions open now (text/event-stream, NDJSON follow)",
            "subscribers"),
    /** Tags: {@code question}. Answer, change, overflow and error events; heartbeats are not counted. */
    EVENTS_SENT("packetstream.query.events.sent", "Events sent to live subscribers", "events"),
    /** Tags: {@code question}. */
    OVERFLOWS("packetstream.query.subscriber.overflows",
            "Live subscriptions closed because their client read too slowly and their buffer overflowed", "subscriptions"),
    /** Tags: {@code question}. */
    RESUMES("packetstream.query.resumes", "Live subscriptions resumed from a Last-Event-ID", "subscriptions"),
    /** Tags: {@code limit} (scans, subscriptions). */
    REFUSED("packetstream.query.requests.refused",
            "Requests answered 429 because as many scans or live subscriptions as allowed were running", "requests"),
    /** Tags: {@code shard}. */
    TAIL_ERRORS("packetstream.query.tail.errors", "Failed reads of a shard's change stream by its tailer (retried)",
            "errors");

    private final MeterInfo info;

    QueryMeters(String name, String description, String baseUnit) {
        this.info = new MeterInfo(name, description, baseUnit);
    }

    @Override
    public MeterInfo info() {
        return info;
    }
}

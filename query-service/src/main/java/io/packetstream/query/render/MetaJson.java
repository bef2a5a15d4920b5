package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.packetstream.core.time.CaptureTime;
import io.packetstream.core.time.TimeRange;
import io.packetstream.query.read.Answer;
import io.packetstream.query.read.Freshness;
import io.packetstream.query.read.Question;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes an answer's {@code meta}: what was asked, how precise and how fresh the answer is, which shards answered.
 */
final class MetaJson {

    private MetaJson() {
    }

    static void write(JsonGenerator g, Answer answer, int results, Freshness freshness, Duration took)
            throws IOException {
        Question q = answer.question();
        g.writeStartObject();
        g.writeStringField("question", q.title());
        g.writeStringField("resolution", q.resolution().text());
        optionalString(g, "sensor", q.sensor());
        if (q.askedRange().isPresent()) {
            g.writeFieldName("range");
            range(g, q.askedRange().get());
        } else {
            // question 1 asks for an instant: the end of the second it covers
            optionalTime(g, "at", answer.effectiveRange().map(TimeRange::to).map(OptionalLong::of)
                    .orElse(OptionalLong.empty()));
        }
        if (answer.effectiveRange().isPresent()) {
            g.writeFieldName("effectiveRange");
            range(g, answer.effectiveRange().get());
        } else {
            g.writeNullField("effectiveRange");
        }
        g.writeNumberField("results", results);
        if (q.resultLimit().isPresent()) {
            g.writeNumberField("limit", q.resultLimit().getAsInt());
            g.writeBooleanField("limitReached", answer.progress().limitReached());
            g.writeNumberField("packetsScanned", answer.progress().packetsScanned());
        }
        g.writeObjectFieldStart("shards");
        g.writeNumberField("count", answer.shards().size());
        g.writeArrayFieldStart("answered");
        for (int shard : answer.shards()) {
            g.writeNumber(shard);
        }
        g.writeEndArray();
        g.writeEndObject();
        freshness(g, freshness);
        g.writeNumberField("tookMs", took.toMillis());
        g.writeEndObject();
    }

    /** Writes the freshness fields into the current object. */
    static void freshness(JsonGenerator g, Freshness f) throws IOException {
        optionalTime(g, "newestCaptureTime", micros(f.newestMicros()));
        optionalTime(g, "oldestCaptureTime", micros(f.oldestMicros()));
        g.writeNumberField("packetsIndexed", f.packetsIndexed());
        g.writeNumberField("pendingEntries", f.pendingEntries());
        if (f.consumerLag().isPresent()) {
            g.writeNumberField("consumerLag", f.consumerLag().getAsLong());
        } else {
            g.writeNullField("consumerLag");
        }
        g.writeNumberField("streamLength", f.streamLength());
    }

    /** Writes {@code {"from":…,"to":…}}, an open side as {@code null}. */
    private static void range(JsonGenerator g, TimeRange r) throws IOException {
        g.writeStartObject();
        optionalTime(g, "from", r.from() == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(r.from()));
        optionalTime(g, "to", r.to() == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(r.to()));
        g.writeEndObject();
    }

    private static OptionalLong micros(OptionalLong micros) {
        return micros.isPresent() ? OptionalLong.of(micros.getAsLong() * 1000) : OptionalLong.empty();
    }

    private static void optionalTime(JsonGenerator g, String name, OptionalLong nanos) throws IOException {
        if (nanos.isPresent()) {
            g.writeStringField(name, CaptureTime.format(nanos.getAsLong()));
        } else {
            g.writeNullField(name);
        }
    }

    private static void optionalString(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }
}

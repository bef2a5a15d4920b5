package io.packetstream.query.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.packetstream.query.read.Answer;
import io.packetstream.query.read.Coverage;
import io.packetstream.query.read.DeadLetters;
import io.packetstream.query.read.Freshness;
import io.packetstream.query.read.QueryResult;
import io.packetstream.query.read.QueryResult.PacketMatch;
import io.packetstream.query.read.Shown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Renders answers as the API sends them: one JSON document {@code {"results":[…],"meta":{…}}}, NDJSON lines,
 * or a pcap / pcapng capture file streamed packet by packet; and the small JSON bodies of errors and health.
 */
public final class Renderer {

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * A first guess at a document's size, so that answers of thousands of results (a connection takes ~140 bytes,
     * a host with its peers ~230) are not built by doubling and copying a buffer from 256 bytes upwards.
     */
    private static final int DOCUMENT_BYTES = 1024;
    private static final int RESULT_BYTES = 192;

    private Renderer() {
    }

    /** @return the whole JSON answer */
    public static byte[] document(Answer answer, List<QueryResult> results, Freshness freshness, Duration took) {
        ByteBuf buffer = document(Unpooled::buffer, answer, results, freshness, took);
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    /**
     * @param allocator gives the buffer, sized for the answer: answers of thousands of results are hundreds of
     *                  kilobytes, which as growing arrays cost copies and, in the JVM, allocations outside the
     *                  young generation; a pooled buffer costs neither
     * @return the whole JSON answer in a buffer the caller must release (or send)
     */
    public static ByteBuf document(IntFunction<ByteBuf> allocator, Answer answer, List<QueryResult> results,
                                   Freshness freshness, Duration took) {
        Objects.requireNonNull(answer, "answer");
        ByteBuf buffer = allocator.apply(DOCUMENT_BYTES + RESULT_BYTES * results.size());
        try (JsonGenerator g = JSON.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            JsonFields fields = new JsonFields(g);
            for (QueryResult r : results) {
                fields.write(r);
            }
            g.writeEndArray();
            g.writeFieldName("meta");
            MetaJson.write(g, answer, results.size(), freshness, took);
            g.writeEndObject();
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e); // a buffer never fails to take bytes
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer;
    }

    /** @return one result as a JSON object followed by a newline */
    public static byte[] line(QueryResult result) {
        Objects.requireNonNull(result, "result");
        return json(g -> {
            new JsonFields(g).write(result);
            g.writeRaw('\n');
        });
    }

    /**
     * @param matches the packets, in the order they go into the file
     * @param skipped told the link type of every packet a classic pcap file had to leave out
     * @return the capture file, a piece per packet, headers included
     */
    public static Flux<byte[]> capture(Flux<PacketMatch> matches, CaptureFormat format, IntConsumer skipped) {
        Objects.requireNonNull(format, "format");
        return Flux.defer(() -> {
            CaptureStream stream = new CaptureStream(format, skipped);
            return matches.map(stream::next).concatWith(Mono.fromSupplier(stream::finish))
                    .filter(bytes -> bytes.length > 0);
        });
    }

    /** @return one result as a JSON object, as in the results of a whole answer */
    public static String result(QueryResult result) {
        Objects.requireNonNull(result, "result");
        return text(json(g -> new JsonFields(g).write(result)));
    }

    /** @return the data object of a live {@code change} event: the change as its question shows it */
    public static String change(Shown change) {
        Objects.requireNonNull(change, "change");
        return text(json(g -> new JsonFields(g).write(change)));
    }

    /** @return the data of a live {@code overflow} event: {@code {"lastEventId": …}} */
    public static String overflow(String lastEventId) {
        Objects.requireNonNull(lastEventId, "lastEventId");
        return text(json(g -> {
            g.writeStartObject();
            g.writeStringField("lastEventId", lastEventId);
            g.writeEndObject();
        }));
    }

    /** @return the data of a live {@code error} event: {@code {"error": …, "lastEventId": …}} */
    public static String liveError(String message, String lastEventId) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lastEventId, "lastEventId");
        return text(json(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeStringField("lastEventId", lastEventId);
            g.writeEndObject();
        }));
    }

    /**
     * @param event the event name ({@code answer}, {@code change}, {@code overflow}, {@code error},
     *              {@code heartbeat})
     * @param id    the event id, if it has one
     * @param data  the event's data, a JSON object's text, if it has one
     * @return one line of a followed NDJSON answer: {@code {"id":…,"event":…,"data":{…}}} and a newline
     */
    public static byte[] followLine(String event, Optional<String> id, Optional<String> data) {
        Objects.requireNonNull(event, "event");
        return json(g -> {
            g.writeStartObject();
            if (id.isPresent()) {
                g.writeStringField("id", id.get());
            }
            g.writeStringField("event", event);
            if (data.isPresent()) {
                g.writeFieldName("data");
                g.writeRawValue(data.get());
            }
            g.writeEndObject();
            g.writeRaw('\n');
        });
    }

    /** @return {@code {"error": …, "parameter": …}}, the parameter left out when empty */
    public static byte[] error(String message, Optional<String> parameter) {
        Objects.requireNonNull(message, "message");
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            if (parameter.isPresent()) {
                g.writeStringField("parameter", parameter.get());
            }
            g.writeEndObject();
        });
    }

    /**
     * @return the health body: status and Redis state, then, when Redis answered, the freshness of the index, the
     * sensors seen, the shards an indexer holds and the dead letters
     */
    public static byte[] health(boolean up, Map<String, String> fields, Optional<Freshness> freshness,
                                Optional<Coverage> coverage, Optional<DeadLetters> dead) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("status", up ? "up" : "down");
            for (Map.Entry<String, String> f : fields.entrySet()) {
                g.writeStringField(f.getKey(), f.getValue());
            }
            if (freshness.isPresent()) {
                g.writeNumberField("shards", freshness.get().shards().size());
                MetaJson.freshness(g, freshness.get());
            }
            if (coverage.isPresent()) {
                g.writeNumberField("shardsLeased", coverage.get().shardsLeased());
                g.writeArrayFieldStart("sensors");
                for (String sensor : coverage.get().sensors()) {
                    g.writeString(sensor);
                }
                g.writeEndArray();
            }
            if (dead.isPresent()) {
                g.writeObjectFieldStart("deadLetters");
                g.writeNumberField("count", dead.get().count());
                g.writeArrayFieldStart("newest");
                for (DeadLetters.Letter l : dead.get().newest()) {
                    g.writeStartObject();
                    g.writeNumberField("shard", l.shard());
                    g.writeStringField("entry", l.entry());
                    g.writeStringField("reason", l.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static String text(byte[] utf8) {
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(Writer writer) {
        return json(256, writer);
    }

    private static byte[] json(int expectedBytes, Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedBytes);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to take bytes
        }
        return out.toByteArray();
    }
}

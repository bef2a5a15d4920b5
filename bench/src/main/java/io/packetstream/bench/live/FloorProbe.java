package io.packetstream.bench.live;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor: one small XADD every 5 ms to a stream of its own, read back with XREAD BLOCK on another connection;
 * latency = now minus the millisecond of the entry id, as for the events.
 */
final class FloorProbe implements AutoCloseable {

    private final RedisClient client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final Thread reader;

    private FloorProbe(int port) {
        client = RedisClient.create("redis://127.0.0.1:" + port);
        StatefulRedisConnection<String, String> write = client.connect();
        StatefulRedisConnection<String, String> read = client.connect();
        writer = new Thread(() -> {
            while (running.get()) {
                write.sync().xadd("bench:floor", "f", "x");
                sleep();
            }
        }, "floor-xadd");
        reader = new Thread(() -> {
            String last = "$";
            while (running.get()) {
                List<StreamMessage<String, String>> messages = read.sync().xread(XReadArgs.Builder.block(200),
                        XReadArgs.StreamOffset.from("bench:floor", last));
                long now = System.currentTimeMillis();
                for (StreamMessage<String, String> m : messages) {
                    samples.add(now - Long.parseLong(m.getId().substring(0, m.getId().indexOf('-'))));
                    last = m.getId();
                }
            }
        }, "floor-xread");
        reader.start();
        writer.start();
    }

    static FloorProbe start(int port) {
        return new FloorProbe(port);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Latencies latencies() {
        return new Latencies(samples.stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        writer.join(2000);
        reader.join(2000);
        client.shutdown();
    }
}

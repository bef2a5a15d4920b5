package io.packetstream.bench.jvm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The collectors' work during a run, read from the JVM's collector beans before and after: every program of the
 * benchmark shares this JVM, so a pause holds up agent, indexer and query service at once and shows in the
 * latencies. With G1 the collection time is pause time; with ZGC it is mostly concurrent.
 */
public final class GcPauses {

    private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
    private final long[] counts;
    private final long[] millis;

    private GcPauses() {
        counts = beans.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).toArray();
        millis = beans.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).toArray();
    }

    public static GcPauses start() {
        return new GcPauses();
    }

    /** @return e.g. {@code G1 Young Generation 12 × 140 ms, G1 Old Generation 0 × 0 ms} since {@link #start()} */
    public String since() {
        return IntStream.range(0, beans.size())
                .mapToObj(i -> String.format("%s %d × %d ms", beans.get(i).getName(),
                        beans.get(i).getCollectionCount() - counts[i], beans.get(i).getCollectionTime() - millis[i]))
                .collect(Collectors.joining(", "));
    }
}

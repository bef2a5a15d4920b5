package io.packetstream.indexer.write;

import java.util.function.IntFunction;

/**
 * The key names of one time bucket of one sensor, one per slot (a partition, or slot 0 alone), built once per
 * bucket instead of once per packet: packets of a batch come in capture order, so the bucket rarely changes.
 * Building a name costs a concatenation and address formatting; a cached name also keeps its hash code.
 */
final class BucketKeys {

    private final int slots;
    private String sensor;
    private long bucket;
    private String[] names;

    /** @param slots how many names a bucket has, at least 1 */
    BucketKeys(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        this.slots = slots;
    }

    /**
     * @param name builds the name of a slot of this bucket; called once per bucket and slot
     * @return the name of {@code slot} of the sensor's {@code bucket}
     */
    String get(String sensor, long bucket, int slot, IntFunction<String> name) {
        if (names == null || bucket != this.bucket || !sensor.equals(this.sensor)) {
            names = new String[slots];
            this.sensor = sensor;
            this.bucket = bucket;
        }
        String n = names[slot];
        if (n == null) {
            n = name.apply(slot);
            names[slot] = n;
        }
        return n;
    }
}

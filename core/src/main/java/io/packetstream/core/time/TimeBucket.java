package io.packetstream.core.time;

/**
 * A time bucket of a set-valued index: one UTC minute or one UTC hour.
 *
 * @param level  minute or hour
 * @param index  epoch minutes or epoch hours
 */
public record TimeBucket(Level level, long index) {

    /** Bucket sizes, with the one-letter tag they carry in key names. */
    public enum Level {
        MINUTE("m", 1), HOUR("h", 60);

        private final String tag;
        private final int minutes;

        Level(String tag, int minutes) {
            this.tag = tag;
            this.minutes = minutes;
        }

        public String tag() {
            return tag;
        }

        public int minutes() {
            return minutes;
        }
    }

    public static TimeBucket minute(long epochMinute) {
        return new TimeBucket(Level.MINUTE, epochMinute);
    }

    public static TimeBucket hour(long epochHour) {
        return new TimeBucket(Level.HOUR, epochHour);
    }

    @Override
    public String toString() {
        return level.tag + ":" + index;
    }
}

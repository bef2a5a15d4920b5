package io.packetstream.indexer.commit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a commit did, and how many change events of each type it wrote (none when stale).
 *
 * @param outcome      applied or stale
 * @param changeEvents events written, by type; types without events are absent
 */
public record CommitResult(BatchCommitter.Outcome outcome, Map<ChangeType, Long> changeEvents) {

    /** The result of a commit that applied nothing. */
    public static final CommitResult STALE = new CommitResult(BatchCommitter.Outcome.STALE, Map.of());

    public CommitResult {
        Objects.requireNonNull(outcome, "outcome");
        changeEvents = Collections.unmodifiableMap(changeEvents.isEmpty()
                ? new EnumMap<>(ChangeType.class) : new EnumMap<>(changeEvents));
    }

    /** @return true when the batch was applied and acknowledged */
    public boolean applied() {
        return outcome == BatchCommitter.Outcome.APPLIED;
    }

    /** @return the events of that type written, 0 if none */
    public long events(ChangeType type) {
        return changeEvents.getOrDefault(type, 0L);
    }

    /**
     * Parses the script's reply: {@code stale}, or {@code ok} followed by the count of each {@link ChangeType}.
     *
     * @throws IllegalStateException for any other reply
     */
    static CommitResult parse(String reply) {
        String[] f = reply.split(" ");
        if (f.length == 1 && f[0].equals("stale")) {
            return STALE;
        }
        ChangeType[] types = ChangeType.values();
        if (!f[0].equals("ok") || f.length != 1 + types.length) {
            throw new IllegalStateException("commit script answered '" + reply + "'");
        }
        Map<ChangeType, Long> counts = new EnumMap<>(ChangeType.class);
        for (int i = 0; i < types.length; i++) {
            long n = Long.parseLong(f[1 + i]);
            if (n > 0) {
                counts.put(types[i], n);
            }
        }
        return new CommitResult(BatchCommitter.Outcome.APPLIED, counts);
    }
}

package io.packetstream.bench.redis;

import java.util.List;
import java.util.Optional;

/**
 * The calls that ran longer than the SLOWLOG threshold during one part of a benchmark.
 *
 * @param thresholdMicros calls at least this long were logged
 * @param count           how many were logged
 * @param capped          true when the log was full, so {@code count} is a lower bound
 * @param slowest         the longest calls, longest first
 */
public record SlowLogSummary(long thresholdMicros, long count, boolean capped, List<SlowCall> slowest) {

    public SlowLogSummary {
        slowest = List.copyOf(slowest);
    }

    /** @return the longest call, empty when none passed the threshold */
    public Optional<SlowCall> longest() {
        return slowest.isEmpty() ? Optional.empty() : Optional.of(slowest.get(0));
    }

    /** @return e.g. {@code 111 calls > 1 ms, longest 85.3 ms evalsha …}, or {@code no call > 1 ms} */
    public String headline() {
        String threshold = thresholdMicros % 1000 == 0 ? thresholdMicros / 1000 + " ms" : thresholdMicros + " µs";
        if (count == 0) {
            return "no call > " + threshold;
        }
        return String.format("%s%,d call(s) > %s, longest %s", capped ? "at least " : "", count, threshold,
                longest().map(SlowCall::describe).orElse("?"));
    }
}

package io.packetstream.bench.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls that ran longer than the SLOWLOG threshold during one part of a benchmark.
 *
 * @param thresholdMicros calls at least this long were logged
 * @param count           how many were logged
 * @param capped          true when the log was full, so {@code count} is a lower bound
 * @param byCommand       how many of the logged calls each command made, most first
 * @param slowest         the longest calls, longest first
 */
public record SlowLogSummary(long thresholdMicros, long count, boolean capped, Map<String, Long> byCommand,
                             List<SlowCall> slowest) {

    public SlowLogSummary {
        byCommand = Collections.unmodifiableMap(new LinkedHashMap<>(byCommand));
        slowest = List.copyOf(slowest);
    }

    /** @return the longest call, empty when none passed the threshold */
    public Optional<SlowCall> longest() {
        return slowest.isEmpty() ? Optional.empty() : Optional.of(slowest.get(0));
    }

    /** @return e.g. {@code 111 call(s) > 1 ms (evalsha 110, xadd 1), longest 85.3 ms evalsha …}, or {@code no call > 1 ms} */
    public String headline() {
        String threshold = thresholdMicros % 1000 == 0 ? thresholdMicros / 1000 + " ms" : thresholdMicros + " µs";
        if (count == 0) {
            return "no call > " + threshold;
        }
        StringBuilder commands = new StringBuilder();
        byCommand.forEach((name, n) -> commands.append(commands.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(String.format("%,d", n)));
        return String.format("%s%,d call(s) > %s (%s), longest %s", capped ? "at least " : "", count, threshold,
                commands, longest().map(SlowCall::describe).orElse("?"));
    }
}

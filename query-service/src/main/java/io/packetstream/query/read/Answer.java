package io.packetstream.query.read;

import io.packetstream.core.time.TimeRange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An answer being read: the facts known before the results (shards asked, effective time range), the results as
 * a cold {@link Flux} that reads Redis when subscribed, and the progress of a packet scan.
 *
 * @param question       what was asked
 * @param shards         the shards the answer reads, ascending
 * @param effectiveRange the capture times the answer covers: Q1 {@code (at − 1 s, at]}, the minute questions the
 *                       whole minutes read (clamped to the hours holding data), Q5 the range asked; empty when
 *                       nothing is indexed for it
 * @param results        the results, in answer order except for question 5, whose results come in scan order
 *                       (merged by time across shards); {@link #collectSorted()} sorts them fully. Meant to be
 *                       subscribed once: {@code progress} counts what every subscription scans
 * @param progress       what the scan of question 5 did
 */
public record Answer(Question question, List<Integer> shards, Optional<TimeRange> effectiveRange,
                     Flux<QueryResult> results, ScanProgress progress) {

    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(effectiveRange, "effectiveRange");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(progress, "progress");
        shards = List.copyOf(shards);
    }

    /** @return every result in answer order, for answers sent in one piece; sorted only when not read in it */
    public Mono<List<QueryResult>> collectSorted() {
        Optional<Comparator<QueryResult>> order = question.order();
        return results.collectList().map(list -> {
            order.ifPresent(list::sort);
            return list;
        });
    }
}

package io.packetstream.query.live;

import io.packetstream.query.read.Question;
import reactor.core.publisher.Mono;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The first answers of new subscriptions, computed once for every identical subscription that read the same
 * change-stream positions while it was being computed: a crowd subscribing to one question-5 search at once costs
 * one scan and one rendering (a few MB), not one each. Any answer computed after a subscriber read its positions
 * is a correct first answer for it (changes after the positions may repeat what the answer holds), so sharing
 * needs equal questions and equal positions; an answer is dropped once computed, so later subscribers get a fresh
 * one.
 */
final class SharedAnswers {

    private record Key(Object question, String positions) {
    }

    private final Map<Key, Mono<String>> computing = new ConcurrentHashMap<>();

    /**
     * @param compute computes the answer; called at most once per group of identical subscriptions in flight
     * @return the answer, shared with identical subscriptions asking while it is computed
     */
    Mono<String> answer(Question question, ChangeCursor positions, Supplier<Mono<String>> compute) {
        Key key = new Key(identity(question), positions.toString());
        return Mono.defer(() -> computing.computeIfAbsent(key, k -> compute.get()
                .doFinally(signal -> computing.remove(k))
                .cache()));
    }

    /** @return how many answers are being computed now */
    int computing() {
        return computing.size();
    }

    /** Question 5's byte sequence is an array, which a record compares by reference: compare its text instead. */
    private static Object identity(Question question) {
        return question.packetSearch().<Object>map(c -> List.of(HexFormat.of().formatHex(c.sequence()), c.limit(),
                c.scope())).orElse(question);
    }
}

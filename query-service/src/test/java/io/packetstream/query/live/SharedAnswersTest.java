package io.packetstream.query.live;

import io.packetstream.query.read.Question;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ChangeCursor AT = ChangeCursor.parse("7-0.1,0-0.0");

    private static Question.Containing search(int limit) {
        return new Question.Containing(new byte[]{0x35, (byte) 0xAF}, limit, Question.Scope.all());
    }

    @Test
    void identicalSubscriptionsInFlightShareOneComputation() {
        SharedAnswers answers = new SharedAnswers();
        AtomicInteger computed = new AtomicInteger();
        Sinks.One<String> result = Sinks.one();
        java.util.function.Supplier<Mono<String>> compute = () -> {
            computed.incrementAndGet();
            return result.asMono();
        };
        // equal questions built apart (their byte arrays are different objects), at the same positions
        Mono<String> first = answers.answer(search(10), AT, compute);
        Mono<String> second = answers.answer(search(10), AT, compute);
        StepVerifier a = StepVerifier.create(first).expectNext("answer").expectComplete().verifyLater();
        StepVerifier b = StepVerifier.create(second).expectNext("answer").expectComplete().verifyLater();
        result.tryEmitValue("answer");
        a.verify(WAIT);
        b.verify(WAIT);
        assertEquals(1, computed.get());
        assertEquals(0, answers.computing(), "a computed answer is not kept");

        StepVerifier.create(answers.answer(search(10), AT, () -> {
            computed.incrementAndGet();
            return Mono.just("later");
        })).expectNext("later").expectComplete().verify(WAIT);
        assertEquals(2, computed.get(), "a later subscriber gets a fresh answer");
    }

    @Test
    void otherQuestionsOrPositionsComputeTheirOwn() {
        SharedAnswers answers = new SharedAnswers();
        AtomicInteger computed = new AtomicInteger();
        java.util.function.Supplier<Mono<String>> never = () -> {
            computed.incrementAndGet();
            return Mono.never();
        };
        answers.answer(search(10), AT, never).subscribe();
        answers.answer(search(11), AT, never).subscribe();
        answers.answer(search(10), ChangeCursor.parse("7-0.2,0-0.0"), never).subscribe();
        answers.answer(search(10), AT, never).subscribe();
        assertEquals(3, computed.get());
    }
}

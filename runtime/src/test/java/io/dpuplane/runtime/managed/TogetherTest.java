package io.dpuplane.runtime.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TogetherTest {

    @Test
    void requestsRunAtOnceAndTheCallerWaitsForAll() {
        CountDownLatch allStarted = new CountDownLatch(3);
        AtomicInteger done = new AtomicInteger();
        Runnable request = () -> {
            allStarted.countDown();
            try {
                // Each waits for the others to have started: run one after the other, they never would.
                assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
        };
        try (Together together = new Together("test-requests")) {
            together.run(request, request, request);
        }
        assertThat(done).hasValue(3);
    }

    @Test
    void aFailureIsRethrownAsItWasOnceTheOthersHaveEnded() {
        AtomicInteger done = new AtomicInteger();
        try (Together together = new Together("test-requests")) {
            assertThatThrownBy(() -> together.run(done::incrementAndGet, () -> {
                throw new IllegalStateException("the DPU cluster refused the label");
            }, done::incrementAndGet)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the DPU cluster refused the label");
        }
        assertThat(done).hasValue(2);
    }
}

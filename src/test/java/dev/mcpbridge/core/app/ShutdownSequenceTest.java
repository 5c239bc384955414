package dev.mcpbridge.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {

    @Test
    void stagesRunInOrderAndAFailedStepStopsNothing() {
        List<String> done = new CopyOnWriteArrayList<>();
        ShutdownSequence sequence = new ShutdownSequence().last(() -> done.add("bridge"));
        sequence.first(() -> {
            done.add("drain");
            throw new IllegalStateException("boom");
        });
        sequence.run();
        assertThat(done).containsExactly("drain", "bridge");
    }

    @Test
    void aStepAddedWithTheLastRunsAtTheSameTime() {
        // Each step waits for the other to have started: they can only both finish if they run together.
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<String> done = new CopyOnWriteArrayList<>();
        Runnable step = () -> {
            bothStarted.countDown();
            try {
                if (bothStarted.await(60, TimeUnit.SECONDS)) {
                    done.add(Thread.currentThread().getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ShutdownSequence sequence = new ShutdownSequence().last(step).withLast(step);
        sequence.first(() -> done.add("drain"));
        sequence.run();
        assertThat(done).hasSize(3).startsWith("drain");
    }

    @Test
    void theStepsAfterAllRunOnceEveryStageHasRunEvenStagesAddedLater() {
        List<String> done = new CopyOnWriteArrayList<>();
        ShutdownSequence sequence = new ShutdownSequence().afterAll(() -> done.add("flush the log"));
        sequence.last(() -> done.add("close the bridge")).first(() -> done.add("drain"));
        sequence.run();
        assertThat(done).containsExactly("drain", "close the bridge", "flush the log");
        assertThat(ShutdownSequence.onExit()).as("one sequence per process").isSameAs(ShutdownSequence.onExit());
    }
}

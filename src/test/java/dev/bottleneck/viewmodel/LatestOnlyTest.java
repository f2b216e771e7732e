package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LatestOnlyTest {

    /** An executor that runs its tasks only when told to. */
    static final class Manual implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    @Test
    void requestsWaitingTogetherRunOnceWithTheNewest() {
        Manual worker = new Manual();
        Manual fx = new Manual();
        LatestOnly<Integer> job = new LatestOnly<>(worker, fx);
        List<Integer> shown = new ArrayList<>();
        List<Integer> computed = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int v = i;
            job.submit(() -> {
                computed.add(v);
                return v;
            }, shown::add, e -> { });
        }
        worker.runAll();
        fx.runAll();
        assertEquals(List.of(3), computed);
        assertEquals(List.of(3), shown);
    }

    @Test
    void aResultSupersededWhileComputingIsStillShownWhenNothingNewerWas() {
        Manual worker = new Manual();
        Manual fx = new Manual();
        LatestOnly<Integer> job = new LatestOnly<>(worker, fx);
        List<Integer> shown = new ArrayList<>();
        job.submit(() -> 1, shown::add, e -> { });
        worker.tasks.poll().run();                 // request 1 computed ...
        job.submit(() -> 2, shown::add, e -> { }); // ... while request 2 arrives
        fx.runAll();
        assertEquals(List.of(1), shown, "1 is newer than anything shown, so it shows");
        worker.runAll();
        fx.runAll();
        assertEquals(List.of(1, 2), shown);
    }

    @Test
    void anOlderResultArrivingAfterANewerOneIsDropped() {
        Manual worker = new Manual();
        Manual fx = new Manual();
        LatestOnly<Integer> job = new LatestOnly<>(worker, fx);
        List<Integer> shown = new ArrayList<>();
        job.submit(() -> 1, shown::add, e -> { });
        worker.tasks.poll().run();
        Runnable deliverOne = fx.tasks.poll();
        job.submit(() -> 2, shown::add, e -> { });
        worker.runAll();
        fx.runAll();      // 2 shows first
        deliverOne.run(); // 1 arrives late
        assertEquals(List.of(2), shown);
    }
}

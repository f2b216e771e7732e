package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10's bar: memory and threads stay flat over 300 train/stop/reset cycles. The session runs as in the app:
 * training on its own daemon thread, results through Platform.runLater, so a Service or executor that left a thread
 * or a run's curves and snapshots behind at each cycle would show here. After 20 warm-up cycles (class loading,
 * JIT, the first buffers) the live threads may not grow by more than 2 and the heap in use after GC by more than
 * 24 MB; a leak of one small model copy (a few KB) per cycle would not show, a leaked thread per cycle (300) or the
 * curves of each run (moons, 40 epochs: some hundred KB each, 30 MB over 300 runs) would.
 */
class TrainStopResetCyclesTest {

    private static final int WARM_UP = 20;
    private static final int CYCLES = 300;
    private static final long HEAP_GROWTH_LIMIT = 24L << 20;
    private static final int THREAD_GROWTH_LIMIT = 2;

    @Test
    @Timeout(120)
    void threadsAndHeapStayFlatOverThreeHundredTrainStopResetCycles() throws Exception {
        TrainingViewModel vm = FxThread.call(() -> {
            SettingsViewModel s = new SettingsViewModel();
            s.dataset.set("moons");
            s.kind.set(ModelKind.VAE);
            s.likelihood.set(Likelihood.GAUSSIAN);
            s.hidden.set("16");
            s.latent.set(2);
            s.epochs.set(40);
            s.batchSize.set(32);
            TrainingViewModel m = new TrainingViewModel(s, FxExecutors.forApp());
            m.loadData();
            return m;
        });
        await(vm, st -> st == State.READY);
        for (int i = 0; i < WARM_UP; i++) {
            cycle(vm);
        }
        int threadsBefore = liveThreads();
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            cycle(vm);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int threadsAfter = liveThreads();
        long heapAfter = usedHeapAfterGc();
        String report = String.format("%d cycles in %.1f s: threads %d -> %d, heap after GC %.1f MB -> %.1f MB",
                CYCLES, seconds, threadsBefore, threadsAfter, heapBefore / 1048576.0, heapAfter / 1048576.0);
        System.out.println(report);
        assertTrue(threadsAfter - threadsBefore <= THREAD_GROWTH_LIMIT, report);
        assertTrue(heapAfter - heapBefore <= HEAP_GROWTH_LIMIT, report);
        assertEquals(State.READY, FxThread.call(() -> vm.stateProperty().get()));
    }

    /** Train, stop once training runs (or it finished first), reset to a fresh model. */
    private static void cycle(TrainingViewModel vm) throws InterruptedException {
        FxThread.run(vm::train);
        // Stop only once training has shown a batch, so that every cycle really trains.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (FxThread.call(() -> vm.batchPoints().isEmpty() && vm.stateProperty().get() == State.TRAINING)) {
            assertTrue(System.nanoTime() < deadline, "no batch in 20 s");
            Thread.sleep(1);
        }
        State st = FxThread.call(() -> vm.stateProperty().get());
        assertTrue(st != State.FAILED, () -> FxThread.call(() -> vm.errorProperty().get()));
        assertTrue(FxThread.call(() -> !vm.batchPoints().isEmpty()), "trained at least one batch");
        FxThread.run(vm::stop);
        await(vm, s -> s == State.FINISHED || s == State.PAUSED);
        FxThread.run(vm::reset);
        await(vm, s -> s == State.READY);
        assertTrue(FxThread.call(() -> vm.batchPoints().isEmpty()), "reset clears the curves");
    }

    private static State await(TrainingViewModel vm, Predicate<State> done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            State st = FxThread.call(() -> vm.stateProperty().get());
            if (done.test(st)) {
                return st;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("state " + st + " after 20 s; status: "
                        + FxThread.call(() -> vm.statusProperty().get()));
            }
            Thread.sleep(1);
        }
    }

    private static int liveThreads() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(200); // let threads that are ending end
        return threads.getThreadCount();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}

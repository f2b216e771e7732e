package dev.bottleneck.core.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a large element-wise loop between the calling thread and one helper thread, when BLAS is allowed two
 * threads ({@link Blas#threads()} >= 2). With one math thread (the app's default, which leaves a core to the JavaFX
 * render thread) loops run on the caller alone. The helper parks when idle; it does not spin like OpenMP threads.
 */
public final class Parallel {

    /** Below this many elements a split costs more than it saves (handing over takes tens of microseconds). */
    static final int MIN_ELEMENTS = 1 << 15;

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bottleneck-math-helper");
        t.setDaemon(true);
        return t;
    });

    private static volatile boolean enabled;

    private Parallel() {
    }

    /** Called by {@link Blas#init}: two or more BLAS threads allow splitting element-wise loops too. */
    static void configure(int threads) {
        enabled = threads >= 2;
    }

    /** True when large loops are split between two threads. */
    static boolean enabled() {
        return enabled;
    }

    /** A loop body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)}, in two halves on two threads when {@code elements} (the work the range
     * stands for) is large enough and splitting is enabled; otherwise on the caller.
     */
    public static void split(int n, long elements, Range body) {
        if (!enabled || n < 2 || elements < MIN_ELEMENTS) {
            body.run(0, n);
            return;
        }
        int mid = n / 2;
        Future<?> other = HELPER.submit(() -> body.run(mid, n));
        body.run(0, mid);
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the math helper", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}

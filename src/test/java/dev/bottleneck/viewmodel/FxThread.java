package dev.bottleneck.viewmodel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Runs test code on the FX thread (Service and properties bound to controls insist on it). */
final class FxThread {

    private static volatile boolean started;

    private FxThread() {
    }

    static synchronized void start() {
        if (started) {
            return;
        }
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test class started it
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    static <T> T call(Supplier<T> work) {
        start();
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(work.get());
            } catch (Throwable t) {
                error.set(t);
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the FX thread did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (error.get() instanceof RuntimeException re) {
            throw re;
        }
        if (error.get() instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}

package dev.bottleneck.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX platform once per JVM (headless under Monocle, see the POM) and runs code on its thread. */
final class FxTestSupport {

    private FxTestSupport() {
    }

    /** Starts the platform; tolerates it being started already by another test class. */
    static synchronized void start() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test started it: fine
        }
        Platform.setImplicitExit(false);
    }

    /**
     * Runs {@code task} on the FX thread and waits for it. Because {@code runLater} is first in, first out, anything
     * the task schedules with {@code runLater} has run by the time the next call returns.
     */
    static <T> T call(Callable<T> task) {
        start();
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("the FX thread did not answer", e);
        }
    }

    static void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }
}

package dev.bottleneck.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Starts the JavaFX platform once per JVM (tolerating TestFX or another test having started it) and runs code on it. */
public final class FxTestPlatform {

    private static final long TIMEOUT_SECONDS = 30;

    private FxTestPlatform() {
    }

    /** Starts the platform if nobody has; keeps it alive when the last window closes. */
    public static synchronized void start() {
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IllegalStateException alreadyStarted) {
            // "Toolkit already initialized": started by an earlier test or by TestFX.
        } catch (Exception e) {
            throw new IllegalStateException("JavaFX did not start", e);
        }
        Platform.setImplicitExit(false);
    }

    /** Runs {@code task} on the FX thread and waits for its result, rethrowing what it throws. */
    public static <T> T call(Callable<T> task) throws Exception {
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
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Runs {@code task} on the FX thread and waits for it. */
    public static void run(ThrowingRunnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A runnable that may throw, so that assertions can run on the FX thread. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}

package dev.bottleneck.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.api.FxToolkit;

/**
 * Starts the JavaFX platform once per JVM and runs code on it. Every UI test, robot or not, should start JavaFX
 * through here.
 *
 * <p>Why not {@code Platform.startup}: in headless mode TestFX installs a fresh Monocle {@code HeadlessPlatform} by
 * reflection when it launches. If {@code Platform.startup} ran first in the same JVM, the running toolkit keeps the old
 * instance and the robot's mouse events reach no window, so every later TestFX robot test fails. Starting through
 * {@link FxToolkit#registerPrimaryStage()} lets TestFX set Monocle up first; it does nothing once it has run.
 */
public final class FxTestPlatform {

    private static final long TIMEOUT_SECONDS = 30;

    private FxTestPlatform() {
    }

    /** Starts the platform if nobody has (a second call does nothing); keeps it alive when the last window closes. */
    public static synchronized void start() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start within " + FxToolkit.toolkitContext()
                    .getLaunchTimeoutInMillis() + " ms", e);
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

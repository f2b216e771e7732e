package dev.bottleneck.viewmodel;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * The executors a view model runs on. The app uses the FX thread and daemon worker threads; tests pass
 * {@link #synchronous()} so that every command completes before it returns. Re-encoding a split for the scatter
 * happens at most once per {@code exploreIntervalMillis} while training sends snapshots: at four snapshots a
 * second it would take most of a core from training.
 */
public record FxExecutors(Executor fx, Executor training, Executor decoding, Executor exploring, Executor loading,
        long exploreIntervalMillis) {

    /** The FX application thread, a training thread, a decoding thread and a loading thread, all daemons. */
    public static FxExecutors forApp() {
        return new FxExecutors(Platform::runLater, daemon("bottleneck-training"), daemon("bottleneck-decoding"),
                daemon("bottleneck-exploring"), daemon("bottleneck-loading"), 1000);
    }

    /** Everything on the calling thread. */
    public static FxExecutors synchronous() {
        Executor direct = Runnable::run;
        return new FxExecutors(direct, direct, direct, direct, direct, 0);
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}

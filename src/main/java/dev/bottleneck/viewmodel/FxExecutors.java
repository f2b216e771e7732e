package dev.bottleneck.viewmodel;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * The executors a view model runs on. The app uses the FX thread and daemon worker threads; tests pass
 * {@link #synchronous()} so that every command completes before it returns.
 */
public record FxExecutors(Executor fx, Executor training, Executor decoding, Executor loading) {

    /** The FX application thread, a training thread, a decoding thread and a loading thread, all daemons. */
    public static FxExecutors forApp() {
        return new FxExecutors(Platform::runLater, daemon("bottleneck-training"), daemon("bottleneck-decoding"),
                daemon("bottleneck-loading"));
    }

    /** Everything on the calling thread. */
    public static FxExecutors synchronous() {
        Executor direct = Runnable::run;
        return new FxExecutors(direct, direct, direct, direct);
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}

package dev.bottleneck.viewmodel;

import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingListener;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * Runs a {@link Trainer} off the FX thread. {@link #createTask()} copies its inputs into finals and {@code call()}
 * only calls {@link Trainer#run}.
 *
 * <p>Pausing does not use {@link #cancel()}: a cancelled Service reports CANCELLED at once while its thread may still
 * be inside a training step, and a restart would then run two steps on one model. Instead the caller raises a flag
 * that the trainer checks every batch, and the task ends normally with a CANCELLED {@link TrainingEvent.Finished}.
 */
public final class TrainingService extends Service<TrainingEvent.Finished> {

    private Trainer trainer;
    private int maxEpochs = Integer.MAX_VALUE;
    private TrainingListener listener = TrainingListener.NONE;
    private BooleanSupplier pauseRequested = () -> false;

    public TrainingService(Executor executor) {
        setExecutor(executor);
    }

    /** What the next {@link #restart()} runs. Call on the FX thread while the service is not running. */
    public void prepare(Trainer t, int epochs, TrainingListener l, BooleanSupplier pause) {
        this.trainer = t;
        this.maxEpochs = epochs;
        this.listener = l;
        this.pauseRequested = pause;
    }

    @Override
    protected Task<TrainingEvent.Finished> createTask() {
        final Trainer t = trainer;
        final int epochs = maxEpochs;
        final TrainingListener l = listener;
        final BooleanSupplier pause = pauseRequested;
        return new Task<>() {
            @Override
            protected TrainingEvent.Finished call() {
                return t.run(l, () -> pause.getAsBoolean() || isCancelled(), epochs);
            }
        };
    }
}

package dev.bottleneck.core.train;

import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.LossTerms;

/**
 * What the trainer reports, as immutable records. They carry numbers and detached copies, never live state, so a
 * listener on another thread can keep them.
 */
public sealed interface TrainingEvent {

    /**
     * After every training step.
     *
     * @param epoch the epoch under way, 1-based
     * @param batch the step within the epoch, 1-based
     * @param epochsDone training progress in epochs, fractional
     * @param terms the batch's loss terms, per example
     * @param samplesPerSecond throughput over the epoch so far
     */
    record Batch(int epoch, int batch, int batchesPerEpoch, double epochsDone, long examplesSeen, LossTerms terms,
            double samplesPerSecond) implements TrainingEvent {
    }

    /**
     * After every epoch.
     *
     * @param train mean of the epoch's batch terms
     * @param validation the terms on the whole validation split with the epoch's final parameters (null if none)
     * @param improved true when this epoch set the best validation loss so far
     */
    record Epoch(int epoch, LossTerms train, LossTerms validation, double samplesPerSecond, double seconds,
            boolean improved) implements TrainingEvent {
    }

    /** A detached copy of the model, at most every {@code snapshotMillis}, and at the end of every epoch. */
    record Snapshot(int epoch, int batch, double epochsDone, Autoencoder model) implements TrainingEvent {
    }

    /**
     * Training stopped.
     *
     * @param reason why
     * @param message a sentence for the user (the likely causes, for a non-finite loss)
     * @param epochsDone whole epochs completed
     * @param bestEpoch the epoch with the lowest validation loss (0 if none)
     */
    record Finished(StopReason reason, String message, int epochsDone, int bestEpoch, LossTerms bestValidation)
            implements TrainingEvent {
    }

    /** Why training stopped. */
    enum StopReason { COMPLETED, CANCELLED, EARLY_STOPPED, DIVERGED }
}

package dev.bottleneck.core.train;

import dev.bottleneck.core.model.LossTerms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every curve of a run: the loss terms of each batch and of each epoch. Filled from {@link TrainingEvent}s by
 * {@link #record}; saved beside a model as {@code history.json}.
 */
public final class TrainingHistory {

    /** One training step: progress in epochs (fractional) and the batch's terms. */
    public record BatchPoint(double epochsDone, LossTerms terms) {
    }

    /** One epoch: train terms (mean over its batches), validation terms (null if none), speed and time. */
    public record EpochPoint(int epoch, LossTerms train, LossTerms validation, double samplesPerSecond,
            double seconds) {
    }

    private final List<BatchPoint> batches = new ArrayList<>();
    private final List<EpochPoint> epochs = new ArrayList<>();

    public TrainingHistory() {
    }

    public TrainingHistory(List<BatchPoint> batches, List<EpochPoint> epochs) {
        this.batches.addAll(batches);
        this.epochs.addAll(epochs);
    }

    /** Adds batch and epoch events; ignores the others. */
    public void record(TrainingEvent event) {
        if (event instanceof TrainingEvent.Batch b) {
            batches.add(new BatchPoint(b.epochsDone(), b.terms()));
        } else if (event instanceof TrainingEvent.Epoch e) {
            epochs.add(new EpochPoint(e.epoch(), e.train(), e.validation(), e.samplesPerSecond(), e.seconds()));
        }
    }

    public List<BatchPoint> batches() {
        return Collections.unmodifiableList(batches);
    }

    public List<EpochPoint> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The epoch (1-based) with the lowest validation loss, or 0 when no epoch was validated. */
    public int bestEpoch() {
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochPoint e : epochs) {
            if (e.validation() != null && e.validation().loss() < bestLoss) {
                bestLoss = e.validation().loss();
                best = e.epoch();
            }
        }
        return best;
    }
}

package dev.bottleneck.viewmodel;

import dev.bottleneck.core.train.TrainingEvent;
import java.util.Locale;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** How far a run is: the progress bar, epoch and batch, speed and time left, as the status bar shows them. */
public final class RunProgress {

    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyIntegerWrapper epoch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper batch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper epochsTotal = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper batchesPerEpoch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyDoubleWrapper samplesPerSecond = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper("");
    private long runStartNanos;        // wall clock and progress when this stretch of training started,
    private double runStartProgress;   // for the time left

    /** 0..1, or -1 (indeterminate) while data loads. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty batchProperty() {
        return batch.getReadOnlyProperty();
    }

    /** The epochs the run trains in all (grows when a finished run is continued); 0 before a run. */
    public ReadOnlyIntegerProperty epochsTotalProperty() {
        return epochsTotal.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty batchesPerEpochProperty() {
        return batchesPerEpoch.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty samplesPerSecondProperty() {
        return samplesPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftProperty() {
        return timeLeft.getReadOnlyProperty();
    }

    void indeterminate() {
        progress.set(-1);
    }

    void idle() {
        progress.set(0);
    }

    void clear() {
        progress.set(0);
        epoch.set(0);
        batch.set(0);
        samplesPerSecond.set(0);
        timeLeft.set("");
    }

    /** A run is done, or a model was opened, after {@code epochs} epochs. */
    void done(int epochs) {
        epoch.set(epochs);
        progress.set(1);
    }

    /** A stretch of training starts at {@code epochsDone}: the time left counts from now. */
    void started(double epochsDone) {
        runStartNanos = System.nanoTime();
        runStartProgress = epochsDone;
    }

    void stopped() {
        timeLeft.set("");
    }

    int batch() {
        return batch.get();
    }

    /** The last batch of a turn's worth of events, of a run of {@code total} epochs. */
    void update(TrainingEvent.Batch b, int total) {
        epochsTotal.set(total);
        batchesPerEpoch.set(b.batchesPerEpoch());
        epoch.set(b.epoch());
        batch.set(b.batch());
        samplesPerSecond.set(b.samplesPerSecond());
        progress.set(Math.min(1, b.epochsDone() / total));
        timeLeft.set(timeLeft(b.epochsDone(), total, System.nanoTime()));
    }

    /**
     * The time left, from the wall clock since this stretch of training started, so that validation, snapshots and
     * the UI's share of the CPU count too (the samples-per-second of the steps alone promised "5 s left" for 20 s).
     * Empty until a fiftieth of an epoch or a second has passed: too early to say.
     */
    String timeLeft(double epochsDone, int total, long now) {
        double done = epochsDone - runStartProgress;
        double seconds = (now - runStartNanos) / 1e9;
        if (done < 0.02 || seconds < 1) {
            return "";
        }
        return formatDuration((total - epochsDone) * seconds / done);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }
}

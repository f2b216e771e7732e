package dev.bottleneck.viewmodel;

import dev.bottleneck.core.train.CurvesCsv;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingHistory;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The loss curves of the run at hand, per batch and per epoch, and its best validation epoch. FX thread only. */
public final class TrainingCurves {

    private TrainingHistory history = new TrainingHistory();
    private final ObservableList<TrainingHistory.BatchPoint> batchPoints = FXCollections.observableArrayList();
    private final ObservableList<TrainingHistory.EpochPoint> epochPoints = FXCollections.observableArrayList();
    // Read-only views made once: a wrapper made per call would hold its listeners only weakly and lose them.
    private final ObservableList<TrainingHistory.BatchPoint> batchView =
            FXCollections.unmodifiableObservableList(batchPoints);
    private final ObservableList<TrainingHistory.EpochPoint> epochView =
            FXCollections.unmodifiableObservableList(epochPoints);
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(0);

    /** Per-batch training points, appended as training runs (one change per FX turn). */
    public ObservableList<TrainingHistory.BatchPoint> batchPoints() {
        return batchView;
    }

    public ObservableList<TrainingHistory.EpochPoint> epochPoints() {
        return epochView;
    }

    public ReadOnlyIntegerProperty bestEpochProperty() {
        return bestEpoch.getReadOnlyProperty();
    }

    /** The curves of the current run (a copy). */
    public TrainingHistory history() {
        return new TrainingHistory(history.batches(), history.epochs());
    }

    /** The curves as CSV ({@link CurvesCsv}). */
    public String csv() {
        return CurvesCsv.of(history);
    }

    int bestEpoch() {
        return bestEpoch.get();
    }

    /** The last epoch's point, or null before any. */
    TrainingHistory.EpochPoint lastEpoch() {
        return epochPoints.isEmpty() ? null : epochPoints.get(epochPoints.size() - 1);
    }

    /** Records a turn's worth of training events: batches reach the chart in one change before each epoch point. */
    void record(List<TrainingEvent> events) {
        List<TrainingHistory.BatchPoint> newBatches = new ArrayList<>();
        for (TrainingEvent e : events) {
            history.record(e);
            if (e instanceof TrainingEvent.Batch b) {
                newBatches.add(new TrainingHistory.BatchPoint(b.epochsDone(), b.terms()));
            } else if (e instanceof TrainingEvent.Epoch ep) {
                if (!newBatches.isEmpty()) {
                    batchPoints.addAll(newBatches);
                    newBatches.clear();
                }
                epochPoints.add(new TrainingHistory.EpochPoint(ep.epoch(), ep.train(), ep.validation(),
                        ep.samplesPerSecond(), ep.seconds()));
                if (ep.improved()) {
                    bestEpoch.set(ep.epoch());
                }
            }
        }
        if (!newBatches.isEmpty()) {
            batchPoints.addAll(newBatches);
        }
    }

    /** Takes the curves of a saved run, or of a closed-form fit (no batches). */
    void adopt(TrainingHistory h, int best) {
        history = new TrainingHistory(h.batches(), h.epochs());
        batchPoints.setAll(h.batches());
        epochPoints.setAll(h.epochs());
        bestEpoch.set(best);
    }

    /** Takes the one epoch of a closed-form fit (PCA). */
    void fitted(TrainingHistory.EpochPoint p, int best) {
        history = new TrainingHistory(List.of(), List.of(p));
        epochPoints.add(p);
        bestEpoch.set(best);
    }

    void clear() {
        history = new TrainingHistory();
        batchPoints.clear();
        epochPoints.clear();
        bestEpoch.set(0);
    }
}

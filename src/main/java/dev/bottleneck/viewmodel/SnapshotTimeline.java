package dev.bottleneck.viewmodel;

import dev.bottleneck.core.model.Autoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The time scrubber: the model as it was at the end of each epoch (detached snapshots, at most
 * {@link #MAX_SNAPSHOTS}), and which of them the views show.
 */
public final class SnapshotTimeline {

    /** The most epoch snapshots kept; beyond it every other one is dropped (the first and last stay). */
    static final int MAX_SNAPSHOTS = 64;
    private final TreeMap<Integer, Autoencoder> snapshots = new TreeMap<>();
    private final ObservableList<Integer> epochs = FXCollections.observableArrayList();
    private final ObservableList<Integer> epochsView = FXCollections.unmodifiableObservableList(epochs);
    private final ReadOnlyIntegerWrapper shown = new ReadOnlyIntegerWrapper(-1);
    private final SessionStatus status;
    private final BooleanSupplier training;
    private final Consumer<Autoencoder> show;

    /**
     * @param training true while a run trains: its snapshots keep arriving, so the scrubber waits
     * @param show puts a snapshot in front of the views
     */
    SnapshotTimeline(SessionStatus status, BooleanSupplier training, Consumer<Autoencoder> show) {
        this.status = status;
        this.training = training;
        this.show = show;
    }

    /** The epochs the time scrubber can go back to, ascending. */
    public ObservableList<Integer> snapshotEpochs() {
        return epochsView;
    }

    /** The epoch whose snapshot the views show, or -1 for the latest model. */
    public ReadOnlyIntegerProperty shownEpochProperty() {
        return shown.getReadOnlyProperty();
    }

    /**
     * Shows the model as it was at the end of {@code epoch} (the nearest kept snapshot at or before it) in the
     * scatter, samples and traversals. Not while training.
     */
    public void showEpoch(int epoch) {
        if (training.getAsBoolean() || snapshots.isEmpty()) {
            return;
        }
        Integer key = snapshots.floorKey(epoch);
        if (key == null) {
            key = snapshots.firstKey();
        }
        shown.set(key);
        show.accept(snapshots.get(key));
        status.say("Showing the model after epoch " + key + " (of " + snapshots.lastKey() + ").");
    }

    /** Keeps the model at the end of {@code epoch}, thinning the oldest half-way when there are too many. */
    void keep(int epoch, Autoencoder m) {
        snapshots.put(epoch, m);
        if (snapshots.size() > MAX_SNAPSHOTS) {
            List<Integer> keys = new ArrayList<>(snapshots.keySet());
            for (int i = 1; i < keys.size() - 1; i += 2) {
                snapshots.remove(keys.get(i));
            }
        }
        epochs.setAll(snapshots.keySet());
    }

    /** The views follow the latest model again. */
    void showLatest() {
        shown.set(-1);
    }

    void clear() {
        snapshots.clear();
        epochs.clear();
        shown.set(-1);
    }
}

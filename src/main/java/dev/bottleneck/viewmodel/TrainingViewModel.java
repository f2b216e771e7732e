package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.train.TrainingHistory;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The training session, made of its parts: the {@link DataSession data}, the {@link TrainingSession run} with its
 * {@link TrainingCurves curves}, {@link RunProgress progress} and {@link SnapshotTimeline timeline}, the
 * {@link ModelFiles model files}, and the {@link SessionStatus status} they all report to. It wires them and holds
 * the commands that span several (load data, apply a preset, replay a scene). The views are handed the parts; the
 * one-line delegates below keep the session's older entry points for the tests and callers that predate the parts.
 */
public final class TrainingViewModel {

    /** Where the session is. */
    public enum State { LOADING, READY, TRAINING, PAUSED, FINISHED, FAILED }

    private final SettingsViewModel settings;
    private final SessionStatus status = new SessionStatus();
    private final RunProgress progress = new RunProgress();
    private final TrainingCurves curves = new TrainingCurves();
    private final DataSession data;
    private final TrainingSession run;
    private final ModelFiles files;

    public TrainingViewModel(SettingsViewModel settings, FxExecutors executors) {
        this(settings, executors, new RecentModels(null));
    }

    public TrainingViewModel(SettingsViewModel settings, FxExecutors executors, RecentModels recent) {
        this.settings = settings;
        this.data = new DataSession(settings, executors, status, progress);
        this.run = new TrainingSession(settings, executors, status, data, curves, progress);
        this.files = new ModelFiles(settings, executors, status, data, run, recent);
    }

    // ---- the parts -------------------------------------------------------------------------------------------

    public SettingsViewModel settings() {
        return settings;
    }

    public SessionStatus status() {
        return status;
    }

    public DataSession data() {
        return data;
    }

    public TrainingSession run() {
        return run;
    }

    public ModelFiles files() {
        return files;
    }

    public SnapshotTimeline timeline() {
        return run.timeline();
    }

    // ---- commands that span the parts ------------------------------------------------------------------------

    /** Loads the dataset the settings name, in the background, then makes a fresh model ready to explore. */
    public void loadData() {
        data.load(run::reset);
    }

    /** Applies a preset; loads the data when the preset names other data than the loaded one. */
    public void applyPreset(SettingsViewModel.Preset p) {
        if (status.isTraining()) {
            status.error("Pause training before choosing a preset.");
            return;
        }
        String before = data.source() == null ? null : data.source().spec();
        int trainBefore = settings.trainSize.get();
        settings.apply(p);
        if (before == null || !before.equals(settings.dataset.get()) || trainBefore != settings.trainSize.get()) {
            loadData();
        } else {
            run.reset();
        }
        status.say(p.label() + ": " + p.description() + ". Press Train.");
    }

    /**
     * Replays a scene's settings and model: opens its model folder, or loads its data and trains with its settings
     * (the seed makes the run the same as when the scene was saved).
     */
    public void replay(Scene scene) {
        if (status.isTraining()) {
            status.error("Pause training before replaying a scene.");
            return;
        }
        settings.restore(scene.settings());
        if (scene.model() != null) {
            files.open(Path.of(scene.model()));
        } else {
            data.load(() -> {
                run.reset();
                run.train();
            });
        }
    }


    // ---- the parts' entry points, kept for the tests and callers that predate the parts ----------------------

    public ReadOnlyObjectProperty<State> stateProperty() { return status.stateProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.statusProperty(); }
    public ReadOnlyStringProperty errorProperty() { return status.errorProperty(); }
    public void clearError() { status.clearError(); }
    public ReadOnlyObjectProperty<DataSplit> splitProperty() { return data.splitProperty(); }
    public ReadOnlyStringProperty dataSummaryProperty() { return data.summaryProperty(); }
    public DatasetCatalog.Source source() { return data.source(); }
    public ReadOnlyObjectProperty<Autoencoder> modelProperty() { return run.modelProperty(); }
    public ReadOnlyBooleanProperty unsavedProperty() { return run.unsavedProperty(); }
    public ReadOnlyDoubleProperty heldEpochProperty() { return run.heldEpochProperty(); }
    public ReadOnlyStringProperty heldProperty() { return run.heldProperty(); }
    public boolean trainStartsNewRun() { return run.trainStartsNewRun(); }
    public boolean stepContinues() { return run.stepContinues(); }
    public boolean wouldDiscardTraining() { return run.wouldDiscardTraining(); }
    public boolean canSave() { return run.canSave(); }
    public boolean canRestoreBest() { return run.canRestoreBest(); }
    public void train() { run.train(); }
    public void stepEpoch() { run.stepEpoch(); }
    public void pause() { run.pause(); }
    public void togglePause() { run.togglePause(); }
    public void stop() { run.stop(); }
    public void restoreBest() { run.restoreBest(); }
    public void reset() { run.reset(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.progressProperty(); }
    public ReadOnlyIntegerProperty epochProperty() { return progress.epochProperty(); }
    public ReadOnlyIntegerProperty batchProperty() { return progress.batchProperty(); }
    public ReadOnlyIntegerProperty epochsTotalProperty() { return progress.epochsTotalProperty(); }
    public ReadOnlyIntegerProperty batchesPerEpochProperty() { return progress.batchesPerEpochProperty(); }
    public ReadOnlyDoubleProperty samplesPerSecondProperty() { return progress.samplesPerSecondProperty(); }
    public ReadOnlyStringProperty timeLeftProperty() { return progress.timeLeftProperty(); }
    public ObservableList<TrainingHistory.BatchPoint> batchPoints() { return curves.batchPoints(); }
    public ObservableList<TrainingHistory.EpochPoint> epochPoints() { return curves.epochPoints(); }
    public ReadOnlyIntegerProperty bestEpochProperty() { return curves.bestEpochProperty(); }
    public TrainingHistory history() { return curves.history(); }
    public String curvesCsv() { return curves.csv(); }
    public ObservableList<Integer> snapshotEpochs() { return timeline().snapshotEpochs(); }
    public ReadOnlyIntegerProperty shownEpochProperty() { return timeline().shownEpochProperty(); }
    public void showEpoch(int epoch) { timeline().showEpoch(epoch); }
    public RecentModels recentModels() { return files.recentModels(); }
    public Path openedFolder() { return files.openedFolder(); }
    public void save(Path folder) { files.save(folder); }
    public void open(Path folder) { files.open(folder); }
    public void exportCurves(Path file) { files.exportCurves(file); }
    public void saveScene(Path file, Scene.View view) { files.saveScene(file, view); }
}

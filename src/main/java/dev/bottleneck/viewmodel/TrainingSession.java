package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.eval.Evaluation;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ClosedFormModel;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.train.HeldParameters;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.viewmodel.TrainingViewModel.State;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The training run: the model being trained and the commands Train, Pause/Resume, Step one epoch, Stop, Reset and
 * Restore best. The live model is touched only by the training thread while training runs; the views see detached
 * copies ({@link #modelProperty()}). State changes only on the FX thread.
 */
public final class TrainingSession {

    private final SettingsViewModel settings;
    private final FxExecutors executors;
    private final SessionStatus status;
    private final DataSession data;
    private final RunSetup setup;
    private final TrainingCurves curves;
    private final RunProgress progress;
    private final SnapshotTimeline timeline;
    private final TrainingService service;
    private final EventPump pump;
    private volatile boolean pauseRequested;
    private final ReadOnlyObjectWrapper<Autoencoder> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<dev.bottleneck.core.model.ModelConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper heldEpoch = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper held = new ReadOnlyStringWrapper("");
    private Trainer trainer;
    private GradientModel liveModel;
    private Path origin;               // the folder the model was opened from or saved to; null for a new run
    private boolean continuing;        // the next startRun goes on with the finished trainer
    private boolean diverged;          // the last run diverged: nothing to continue
    private boolean stopAfterPause;

    TrainingSession(SettingsViewModel settings, FxExecutors executors, SessionStatus status, DataSession data,
            TrainingCurves curves, RunProgress progress) {
        this.settings = settings;
        this.executors = executors;
        this.status = status;
        this.data = data;
        this.setup = new RunSetup(settings, data);
        this.curves = curves;
        this.progress = progress;
        this.timeline = new SnapshotTimeline(status, status::isTraining, model::set);
        this.service = new TrainingService(executors.training());
        this.pump = new EventPump(executors.fx(), this::apply);
        // A snapshot replaces the model several times a second; its configuration changes only with a new model.
        model.addListener((o, a, m) -> config.set(m == null ? null : m.config()));
        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> failed(service.getException()));
    }

    // ---- read-only state -------------------------------------------------------------------------------------

    /** The model to explore: a detached copy, replaced by each training snapshot. */
    public ReadOnlyObjectProperty<Autoencoder> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The configuration of the model at hand (null without one): what views need of it, without the model. */
    public ReadOnlyObjectProperty<dev.bottleneck.core.model.ModelConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** True while the model holds training that no save or open accounts for: discarding it loses work. */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /**
     * The epoch whose parameters the model holds, fractional when stopped mid-epoch (7 after Restore best to epoch
     * 7, say); NaN while training or with no trained model.
     */
    public ReadOnlyDoubleProperty heldEpochProperty() {
        return heldEpoch.getReadOnlyProperty();
    }

    /** The same in words for the status bar ("model: epoch 7, the best on validation"); empty when none. */
    public ReadOnlyStringProperty heldProperty() {
        return held.getReadOnlyProperty();
    }

    public TrainingCurves curves() {
        return curves;
    }

    public RunProgress progress() {
        return progress;
    }

    public SnapshotTimeline timeline() {
        return timeline;
    }

    /** True when Train would start a new run (and so discard the current model), false when it resumes. */
    public boolean trainStartsNewRun() {
        return trainer == null || status.state() == State.FINISHED || status.state() == State.READY;
    }

    /**
     * True when Step epoch continues the current run (a run that completed, stopped or stopped early trains one more
     * epoch) rather than starting a new one.
     */
    public boolean stepContinues() {
        return trainer != null && !diverged && liveModel != null
                && (status.state() == State.PAUSED || status.state() == State.FINISHED);
    }

    /** True when an action that replaces the model (a new run, reset, open, load, preset, quit) would lose training. */
    public boolean wouldDiscardTraining() {
        return unsaved.get() && !status.isTraining();
    }

    /** True when there is a model to save (not while training runs: pause first). */
    public boolean canSave() {
        return model.get() != null && !status.isTraining() && status.state() != State.LOADING;
    }

    /** True when a finished or paused run has a best validation epoch to go back to. */
    public boolean canRestoreBest() {
        return trainer != null && trainer.bestEpoch() > 0 && !status.isTraining(); // best() would copy the model
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Starts training a new model from the settings, or resumes a paused run. */
    public void train() {
        startRun(Integer.MAX_VALUE);
    }

    /**
     * Trains one more epoch: finishes the current one when paused mid-epoch, and continues a run that completed or
     * was stopped (its curves go on at the next epoch). Only with no run, or after divergence, does it start anew.
     */
    public void stepEpoch() {
        if (status.state() == State.FINISHED && stepContinues()) {
            trainer.extendTo(trainer.epochsDone() + 1);
            continuing = true;
        }
        startRun(1);
    }

    /** Asks training to pause after the current batch. */
    public void pause() {
        if (status.isTraining()) {
            pauseRequested = true;
            status.say("Pausing...");
        }
    }

    /** Pause when training, resume when paused. */
    public void togglePause() {
        if (status.isTraining()) {
            pause();
        } else if (status.state() == State.PAUSED) {
            train();
        }
    }

    /** Ends the run after the current batch; the model keeps the parameters of its last complete step. */
    public void stop() {
        if (status.isTraining()) {
            pause();
            stopAfterPause = true;
        } else if (status.state() == State.PAUSED) {
            status.setState(State.FINISHED);
            status.say("Stopped after epoch " + trainer.epochsDone() + ".");
        }
    }

    /**
     * Puts the parameters of the best validation epoch back into the model (after overfitting, say); a later Train
     * starts a new run. Not while training: pause first.
     */
    public void restoreBest() {
        if (!canRestoreBest()) {
            status.error(status.isTraining() ? "Pause training before restoring the best epoch."
                    : "No validated epoch to restore yet.");
            return;
        }
        int best = HeldParameters.restoreBest(trainer, liveModel);
        model.set(liveModel.copy());
        status.setState(State.FINISHED);
        status.say("Restored the parameters of epoch " + best + ", the best on validation.");
        hold(best, true);
    }

    /** Discards the run: a fresh model with the settings' architecture, empty curves. */
    public void reset() {
        if (status.isTraining() || data.split() == null) {
            return;
        }
        trainer = null;
        liveModel = null;
        clearRun();
        try {
            ModelConfig config = setup.checkedConfig();
            setup.checkMemory(config, settings.trainingConfig());
            Autoencoder fresh = config.build(settings.seed.get());
            if (config.kind().closedForm()) {
                model.set(null);
                status.say("Ready: press Train to fit PCA.");
            } else {
                model.set(fresh.copy());
                status.say("Ready: a fresh " + config.kind().label() + " (untrained). Press Train.");
            }
            status.setState(State.READY);
        } catch (IllegalArgumentException e) {
            status.setState(State.READY);
            status.say("Check the settings.");
            status.error(e.getMessage());
        }
    }

    // ---- for the model files ---------------------------------------------------------------------------------

    /** The trainer of the run at hand, or null (none yet, a fitted PCA, an opened model). */
    Trainer trainer() {
        return trainer;
    }

    /** The folder the model was opened from or last saved to, or null for a model trained in this session. */
    Path origin() {
        return origin;
    }

    /** {@code saved} was written to {@code folder}: if it is still the model shown, nothing is unsaved. */
    void saved(Autoencoder saved, Path folder) {
        if (model.get() == saved) {
            unsaved.set(false);   // what was saved is what is shown
            origin = folder;      // and a scene saved now can point to it
        }
    }

    /** Takes an opened model with its curves, as a finished run. */
    void adopt(SavedModel m, Path folder) {
        trainer = null;
        liveModel = null;
        clearRun();
        origin = folder;
        curves.adopt(m.history(), m.bestEpoch());
        progress.done(m.epochsDone());
        model.set(m.model());
        status.setState(State.FINISHED);
        unsaved.set(false);
        hold(m.epochsDone(), false);
        status.clearError();
        status.say("Opened " + folder.getFileName() + ": " + m.model().config().kind().label() + ", "
                + m.epochsDone() + " epochs.");
    }

    // ---- running ---------------------------------------------------------------------------------------------

    private void clearRun() {
        timeline.clear();
        curves.clear();
        progress.clear();
        unsaved.set(false);
        heldEpoch.set(Double.NaN);
        held.set("");
    }

    private void startRun(int epochs) {
        if (status.isTraining() || data.split() == null) {
            return;
        }
        status.clearError();
        try {
            if (continuing) {
                continuing = false;
            } else if (trainStartsNewRun() && !newRun()) {
                return;
            }
        } catch (IllegalArgumentException e) {
            status.error(e.getMessage());
            return;
        }
        pauseRequested = false;
        stopAfterPause = false;
        timeline.showLatest();
        heldEpoch.set(Double.NaN);
        held.set("");
        progress.started(trainer.progress());
        status.setState(State.TRAINING);
        status.say("Training...");
        service.prepare(trainer, epochs, pump, () -> pauseRequested);
        service.restart();
    }

    /** Builds a new trainer from the settings; PCA is fitted at once instead. Returns false when nothing to train. */
    private boolean newRun() {
        ModelConfig config = setup.checkedConfig();
        clearRun();
        if (config.kind().closedForm()) {
            fitClosedForm(config, data.split());
            return false;
        }
        TrainingConfig tc = settings.trainingConfig();
        setup.checkMemory(config, tc);
        origin = null;
        diverged = false;
        liveModel = (GradientModel) config.build(tc.seed());
        model.set(liveModel.copy());
        trainer = setup.trainer(config, tc, liveModel);
        return true;
    }

    private void fitClosedForm(ModelConfig config, DataSplit sp) {
        status.setState(State.TRAINING);
        String label = config.kind().label();
        status.say("Fitting " + label + "...");
        long seed = settings.seed.get();
        executors.training().execute(() -> {
            try {
                long t0 = System.nanoTime();
                ClosedFormModel fitted = (ClosedFormModel) config.build(seed);
                fitted.fit(sp.train().toFloatArray(), sp.train().size());
                double seconds = (System.nanoTime() - t0) / 1e9;
                LossTerms train = Evaluation.meanTerms(fitted, sp.train(), seed);
                LossTerms val = sp.validation().size() > 0 ? Evaluation.meanTerms(fitted, sp.validation(), seed) : null;
                executors.fx().execute(() -> {
                    curves.fitted(new TrainingHistory.EpochPoint(1, train, val, sp.train().size() / seconds, seconds),
                            val == null ? 0 : 1);
                    progress.done(1);
                    model.set(fitted.copy());
                    status.setState(State.FINISHED);
                    unsaved.set(true);
                    status.say(String.format(Locale.ROOT, "%s fitted in %.1f s.", label, seconds));
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                executors.fx().execute(() -> failed(e));
            }
        });
    }

    /** Applies a turn's worth of training events, on the FX thread. */
    private void apply(List<TrainingEvent> events) {
        curves.record(events);
        TrainingEvent.Batch lastBatch = null;
        Autoencoder snapshot = null;
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.Batch b) {
                lastBatch = b;
            } else if (e instanceof TrainingEvent.Snapshot s) {
                snapshot = s.model();
                if (s.batch() == 0 && s.epoch() > 0) { // the end of an epoch: keep it for the time scrubber
                    timeline.keep(s.epoch(), s.model());
                }
            }
        }
        if (lastBatch != null) {
            unsaved.set(true);
            progress.update(lastBatch, trainer.config().epochs());
        }
        if (snapshot != null) {
            model.set(snapshot);
        }
    }

    private void finished(TrainingEvent.Finished f) {
        // The task has ended: the FX thread may now read the live model without racing the training thread.
        model.set(liveModel.copy());
        progress.stopped();
        switch (f.reason()) {
            case CANCELLED -> {
                if (stopAfterPause) {
                    status.setState(State.FINISHED);
                    status.say("Stopped at epoch " + trainer.epochsDone() + ", batch " + progress.batch() + ".");
                } else {
                    status.setState(trainer.progress() >= trainer.config().epochs() ? State.FINISHED : State.PAUSED);
                    status.say(f.message());
                }
            }
            case DIVERGED -> {
                diverged = true;
                status.setState(State.FINISHED);
                status.say("Training diverged.");
                status.error(f.message());
                // The trainer put back the last parameters whose loss was finite: say which, not the epoch it reached.
                heldEpoch.set(trainer.lastGoodProgress());
                held.set("model: " + trainer.lastGoodPlace() + ", the last good before the run diverged");
                return;
            }
            default -> {
                status.setState(State.FINISHED);
                status.say(f.message());
            }
        }
        hold(trainer.progress(), false);
    }

    /** Records which epoch's parameters the model now holds (after a run, a restore or an open). */
    private void hold(double epochs, boolean best) {
        heldEpoch.set(epochs);
        held.set(HeldParameters.describe(epochs, progress.batch(), curves.bestEpoch(), best));
    }

    private void failed(Throwable t) {
        status.setState(trainer == null ? State.READY : State.FINISHED);
        status.say("Training failed.");
        status.error(SessionStatus.messageOf(t, null));
    }
}

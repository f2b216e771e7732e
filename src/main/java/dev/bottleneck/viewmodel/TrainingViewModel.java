package dev.bottleneck.viewmodel;

import java.util.Map;
import java.util.EnumMap;
import dev.bottleneck.core.train.TrainingFootprint;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.eval.Evaluation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.train.InputNoise;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingHistory;
import dev.bottleneck.core.io.CommandText;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The training session: data, the model being trained, the commands Train, Pause/Resume, Step one epoch, Stop and
 * Reset, and everything the status bar and the loss chart show. State changes only on the FX thread; the model is
 * touched only by the training thread while training runs, and the views see detached copies.
 */
public final class TrainingViewModel {

    /** Where the session is. */
    public enum State { LOADING, READY, TRAINING, PAUSED, FINISHED, FAILED }

    private final FxExecutors executors;
    private final SettingsViewModel settings;
    private final TrainingService service;
    private volatile boolean pauseRequested;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyObjectWrapper<DataSplit> split = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper dataSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Autoencoder> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyIntegerWrapper epoch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper batch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper epochsTotal = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper batchesPerEpoch = new ReadOnlyIntegerWrapper(0);
    private long runStartNanos;        // wall clock and progress when this stretch of training started,
    private double runStartProgress;   // for the time left
    private final ReadOnlyDoubleWrapper samplesPerSecond = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading data...");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper bestEpoch = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper heldEpoch = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper held = new ReadOnlyStringWrapper("");
    private final ObservableList<TrainingHistory.BatchPoint> batchPoints = FXCollections.observableArrayList();
    private final ObservableList<TrainingHistory.EpochPoint> epochPoints = FXCollections.observableArrayList();
    // Read-only views made once: a wrapper made per call would hold its listeners only weakly and lose them.
    private final ObservableList<TrainingHistory.BatchPoint> batchView = FXCollections.unmodifiableObservableList(batchPoints);
    private final ObservableList<TrainingHistory.EpochPoint> epochView = FXCollections.unmodifiableObservableList(epochPoints);

    /** The most epoch snapshots kept for the time scrubber; beyond it every other one is dropped (the first and last stay). */
    static final int MAX_SNAPSHOTS = 64;
    private final java.util.TreeMap<Integer, Autoencoder> epochSnapshots = new java.util.TreeMap<>();
    private final ObservableList<Integer> snapshotEpochs = FXCollections.observableArrayList();
    private final ObservableList<Integer> snapshotEpochsView = FXCollections.unmodifiableObservableList(snapshotEpochs);
    private final ReadOnlyIntegerWrapper shownEpoch = new ReadOnlyIntegerWrapper(-1);
    private DatasetCatalog.Source source;
    private SavedModel pendingOpen;
    private Path openedFolder;
    private Runnable afterLoad;
    private Path pendingFolder;
    private final RecentModels recent;
    private Trainer trainer;
    private GradientModel liveModel;
    private TrainingHistory history = new TrainingHistory();
    private final EventPump pump;

    public TrainingViewModel(SettingsViewModel settings, FxExecutors executors) {
        this(settings, executors, new RecentModels(null));
    }

    public TrainingViewModel(SettingsViewModel settings, FxExecutors executors, RecentModels recent) {
        this.recent = recent;
        this.settings = settings;
        this.executors = executors;
        this.service = new TrainingService(executors.training());
        this.pump = new EventPump(executors.fx(), this::apply);
        service.setOnSucceeded(e -> finished(service.getValue()));
        service.setOnFailed(e -> failed(service.getException()));
    }

    // ---- read-only state -------------------------------------------------------------------------------------

    public SettingsViewModel settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DataSplit> splitProperty() {
        return split.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataSummaryProperty() {
        return dataSummary.getReadOnlyProperty();
    }

    /** The model to explore: a detached copy, replaced by each training snapshot. */
    public ReadOnlyObjectProperty<Autoencoder> modelProperty() {
        return model.getReadOnlyProperty();
    }

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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message for the user when something went wrong; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty bestEpochProperty() {
        return bestEpoch.getReadOnlyProperty();
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

    /** True when Train would start a new run (and so discard the current model), false when it resumes. */
    public boolean trainStartsNewRun() {
        return trainer == null || state.get() == State.FINISHED || state.get() == State.READY;
    }

    /**
     * True when Step epoch continues the current run (a run that completed, stopped or stopped early trains one more
     * epoch) rather than starting a new one.
     */
    public boolean stepContinues() {
        return trainer != null && !diverged && liveModel != null
                && (state.get() == State.PAUSED || state.get() == State.FINISHED);
    }

    /** True when an action that replaces the model (a new run, reset, open, load, preset, quit) would lose training. */
    public boolean wouldDiscardTraining() {
        return unsaved.get() && !isTraining();
    }

    /** Per-batch training points, appended as training runs (one change per FX turn). */
    public ObservableList<TrainingHistory.BatchPoint> batchPoints() {
        return batchView;
    }

    public ObservableList<TrainingHistory.EpochPoint> epochPoints() {
        return epochView;
    }

    /** The epochs the time scrubber can go back to, ascending. */
    public ObservableList<Integer> snapshotEpochs() {
        return snapshotEpochsView;
    }

    /** The epoch whose snapshot the views show, or -1 for the latest model. */
    public ReadOnlyIntegerProperty shownEpochProperty() {
        return shownEpoch.getReadOnlyProperty();
    }

    /**
     * The time scrubber: shows the model as it was at the end of {@code epoch} (the nearest kept snapshot) in the
     * scatter, samples and traversals. Not while training, whose snapshots keep arriving.
     */
    public void showEpoch(int epoch) {
        if (isTraining() || epochSnapshots.isEmpty()) {
            return;
        }
        Integer key = epochSnapshots.floorKey(epoch);
        if (key == null) {
            key = epochSnapshots.firstKey();
        }
        shownEpoch.set(key);
        model.set(epochSnapshots.get(key));
        status.set("Showing the model after epoch " + key + " (of " + epochSnapshots.lastKey() + ").");
    }

    private void keepSnapshot(int epoch, Autoencoder m) {
        epochSnapshots.put(epoch, m);
        if (epochSnapshots.size() > MAX_SNAPSHOTS) {
            List<Integer> keys = new ArrayList<>(epochSnapshots.keySet());
            for (int i = 1; i < keys.size() - 1; i += 2) {
                epochSnapshots.remove(keys.get(i));
            }
        }
        snapshotEpochs.setAll(epochSnapshots.keySet());
    }

    private void clearSnapshots() {
        epochSnapshots.clear();
        snapshotEpochs.clear();
        shownEpoch.set(-1);
    }

    /** The curves of the current run (a copy). */
    public TrainingHistory history() {
        return new TrainingHistory(history.batches(), history.epochs());
    }

    public DatasetCatalog.Source source() {
        return source;
    }

    public void clearError() {
        error.set("");
    }

    public RecentModels recentModels() {
        return recent;
    }

    /** True when there is a model to save (not while training runs: pause first). */
    public boolean canSave() {
        return model.get() != null && !isTraining() && state.get() != State.LOADING;
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Loads the dataset the settings name, in the background, then makes a fresh model ready to explore. */
    public void loadData() {
        if (isTraining()) {
            return;
        }
        state.set(State.LOADING);
        progress.set(-1); // indeterminate: the bar animates while the data loads
        String spec = settings.dataset.get();
        long seed = settings.seed.get();
        int trainLimit = settings.trainSize.get();
        double valFraction = settings.validationFraction.get();
        status.set("Loading " + spec + "...");
        executors.loading().execute(() -> {
            try {
                Blas.init(Blas.defaultThreads());
                DatasetCatalog.Source s = DatasetCatalog.open(spec,
                        new DatasetCatalog.Options(0, DatasetCatalog.DEFAULT_TOY_NOISE, DatasetCatalog.DEFAULT_IMAGE_SIZE, seed));
                DataSplit sp = dev.bottleneck.core.data.Splits.split(s.pool(), s.officialTest(), valFraction,
                        trainLimit, dev.bottleneck.core.data.Splits.DEFAULT_TEST_FRACTION, seed);
                executors.fx().execute(() -> dataLoaded(s, sp));
            } catch (Exception | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    progress.set(0);
                    state.set(source == null ? State.FAILED : State.READY);
                    status.set("Could not load " + spec);
                    error.set(messageOf(e, spec));
                });
            }
        });
    }

    private void dataLoaded(DatasetCatalog.Source s, DataSplit sp) {
        clearError(); // a success: an earlier error no longer applies
        source = s;
        split.set(sp);
        dataSummary.set(s.summary() + String.format(Locale.ROOT, " - train %,d, validation %,d%s", sp.train().size(),
                sp.validation().size(), sp.test() == null ? "" : String.format(Locale.ROOT, ", test %,d", sp.test().size())));
        if (!s.inUnitRange() && settings.likelihood.get() == Likelihood.BERNOULLI) {
            // Point clouds and CSVs are not probabilities: a Bernoulli likelihood would refuse them.
            settings.likelihood.set(Likelihood.GAUSSIAN);
        }
        if (pendingOpen != null) {
            SavedModel m = pendingOpen;
            pendingOpen = null;
            install(m, pendingFolder);
        } else {
            reset();
        }
        if (afterLoad != null) {
            Runnable r = afterLoad;
            afterLoad = null;
            r.run();
        }
    }

    // ---- saving and opening ----------------------------------------------------------------------------------

    /**
     * Saves the model being explored, its settings, curves and data description into {@code folder} (atomically:
     * a failed save leaves an existing model intact). The equivalent command line is recorded, so {@code eval}
     * can rebuild the split.
     */
    public void save(Path folder) {
        if (!canSave()) {
            error.set("Nothing to save yet" + (isTraining() ? ": pause training first." : "."));
            return;
        }
        Autoencoder m = model.get();
        TrainingHistory h = history();
        TrainingConfig tc = trainer != null ? trainer.config() : m instanceof Pca ? null : settings.trainingConfig();
        int done = trainer != null ? trainer.epochsDone() : m instanceof Pca && !epochPoints.isEmpty() ? 1 : 0;
        int best = Math.min(bestEpoch.get(), done);
        DataSplit sp = split.get();
        String spec = source.spec();
        String command = commandLine(m);
        java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>();
        if (!epochPoints.isEmpty()) {
            TrainingHistory.EpochPoint last = epochPoints.get(epochPoints.size() - 1);
            if (last.validation() != null) {
                last.validation().asMap().forEach((t, v) -> {
                    if (Double.isFinite(v)) {
                        metrics.put("val." + t.key(), v);
                    }
                });
            }
        }
        // A diverged run holds its last good parameters, not the final ones: the saved model says so.
        String what = trainer != null && trainer.diverged() && model.get() != null
                ? "the last good parameters (" + trainer.lastGoodPlace() + ") of the diverged run to " : "";
        status.set("Saving " + what + folder + "...");
        executors.loading().execute(() -> {
            try {
                DatasetInfo info = new DatasetInfo(spec, sp.train().size(), sp.validation().size(),
                        sp.test() == null ? 0 : sp.test().size(), sp.fingerprintHex());
                SavedModel saved = m instanceof Pca ? SavedModel.ofPca(m, info, settings.seed.get(), metrics, command)
                        : SavedModel.of(m, tc, h, info, tc.seed(), done, best, metrics, command);
                new ModelStore().save(folder, saved);
                executors.fx().execute(() -> {
                    recent.add(folder);
                    if (model.get() == m) {
                        unsaved.set(false);   // what was saved is what is shown
                        openedFolder = folder; // and a scene saved now can point to it
                    }
                    clearError();
                    status.set("Saved " + what + folder);
                });
            } catch (Exception e) {
                executors.fx().execute(() -> {
                    status.set("Could not save.");
                    error.set("Could not save " + folder + ": " + messageOf(e, null));
                });
            }
        });
    }

    /**
     * The curves as CSV, one row per batch and per epoch: {@code kind,epoch,train_<term>...,val_<term>...} with the
     * terms' keys ({@code train_loss}, {@code val_negElbo}, ...), epochs fractional for batches. Empty cells where a
     * row has no such value.
     */
    public String curvesCsv() {
        TrainingHistory h = history();
        java.util.EnumSet<dev.bottleneck.core.model.Term> trainTerms = java.util.EnumSet.noneOf(dev.bottleneck.core.model.Term.class);
        java.util.EnumSet<dev.bottleneck.core.model.Term> valTerms = java.util.EnumSet.noneOf(dev.bottleneck.core.model.Term.class);
        h.batches().forEach(b -> trainTerms.addAll(b.terms().asMap().keySet()));
        for (TrainingHistory.EpochPoint e : h.epochs()) {
            trainTerms.addAll(e.train().asMap().keySet());
            if (e.validation() != null) {
                valTerms.addAll(e.validation().asMap().keySet());
            }
        }
        StringBuilder sb = new StringBuilder("kind,epoch");
        trainTerms.forEach(t -> sb.append(",train_").append(t.key()));
        valTerms.forEach(t -> sb.append(",val_").append(t.key()));
        sb.append('\n');
        for (TrainingHistory.BatchPoint b : h.batches()) {
            csvRow(sb, "batch", b.epochsDone(), b.terms(), trainTerms, null, valTerms);
        }
        for (TrainingHistory.EpochPoint e : h.epochs()) {
            csvRow(sb, "epoch", e.epoch(), e.train(), trainTerms, e.validation(), valTerms);
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String kind, double epoch, LossTerms train,
            java.util.Set<dev.bottleneck.core.model.Term> trainTerms, LossTerms val,
            java.util.Set<dev.bottleneck.core.model.Term> valTerms) {
        sb.append(kind).append(',').append(epoch);
        for (var t : trainTerms) {
            sb.append(',');
            train.get(t).ifPresent(v -> sb.append(v));
        }
        for (var t : valTerms) {
            sb.append(',');
            if (val != null) {
                val.get(t).ifPresent(v -> sb.append(v));
            }
        }
        sb.append('\n');
    }

    /** Writes {@link #curvesCsv()} to {@code file}, in the background; a failure shows as an error. */
    public void exportCurves(Path file) {
        String csv = curvesCsv();
        executors.loading().execute(() -> {
            try {
                java.nio.file.Files.writeString(file, csv);
                executors.fx().execute(() -> status.set("Wrote the curves to " + file));
            } catch (java.io.IOException e) {
                executors.fx().execute(() -> error.set("Could not write " + file + ": " + messageOf(e, null)));
            }
        });
    }

    /**
     * Saves a scene (settings, the model's folder, the view) to {@code file} and says in the status bar what a replay
     * of it will do; a failure shows as an error naming the file.
     */
    public void saveScene(Path file, Scene.View view) {
        Scene scene = new Scene(1, settings.snapshot(), openedFolder == null ? null : openedFolder.toString(), view);
        try {
            scene.write(file);
            status.set("Saved the scene to " + file + ". " + scene.replayPlan());
        } catch (java.io.IOException e) {
            error.set("Could not write the scene " + file + ": " + messageOf(e, null));
        }
    }

    /** The folder the explored model was opened from, or null for a model trained in this session. */
    public Path openedFolder() {
        return openedFolder;
    }

    /**
     * Replays a scene's settings and model: opens its model folder, or loads its data and trains with its settings
     * (the seed makes the run the same as when the scene was saved).
     */
    public void replay(Scene scene) {
        if (isTraining()) {
            error.set("Pause training before replaying a scene.");
            return;
        }
        settings.restore(scene.settings());
        if (scene.model() != null) {
            open(Path.of(scene.model()));
        } else {
            afterLoad = this::train;
            loadData();
        }
    }

    /** Opens a saved model: its settings, its dataset (loaded if it differs), its curves and the views. */
    public void open(Path folder) {
        if (isTraining()) {
            error.set("Pause training before opening a model.");
            return;
        }
        status.set("Opening " + folder + "...");
        executors.loading().execute(() -> {
            try {
                SavedModel m = new ModelStore().load(folder);
                executors.fx().execute(() -> opened(m, folder));
            } catch (Exception | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    status.set("Could not open the model.");
                    error.set(messageOf(e, folder.toString()));
                    if (!(e instanceof java.io.IOException) || !java.nio.file.Files.isDirectory(folder)) {
                        recent.remove(folder);
                    }
                });
            }
        });
    }

    private void opened(SavedModel m, Path folder) {
        settings.apply(m.model().config(), m.training());
        CommandFlags flags = CommandFlags.parse(m.command());
        String spec = flags.get("--dataset", m.dataset() != null ? m.dataset().spec() : settings.dataset.get());
        settings.dataset.set(spec);
        settings.trainSize.set(flags.getInt("--train-size", 0));
        settings.validationFraction.set(flags.getDouble("--val-fraction", 0.1));
        settings.seed.set((int) m.seed());
        recent.add(folder);
        boolean sameData = source != null && source.spec().equals(spec) && split.get() != null
                && m.dataset() != null && m.dataset().trainSize() == split.get().train().size()
                && m.dataset().validationSize() == split.get().validation().size();
        if (sameData) {
            install(m, folder);
        } else {
            pendingOpen = m;
            pendingFolder = folder;
            loadData();
        }
    }

    private void install(SavedModel m, Path folder) {
        if (m.model().inputDim() != split.get().train().features()) {
            error.set(folder + ": the model takes " + m.model().inputDim() + " numbers per example, but "
                    + source.spec() + " has " + split.get().train().features() + ".");
            reset();
            return;
        }
        trainer = null;
        liveModel = null;
        clearCurves();
        openedFolder = folder;
        history = new TrainingHistory(m.history().batches(), m.history().epochs());
        batchPoints.setAll(m.history().batches());
        epochPoints.setAll(m.history().epochs());
        bestEpoch.set(m.bestEpoch());
        epoch.set(m.epochsDone());
        progress.set(1);
        model.set(m.model());
        state.set(State.FINISHED);
        unsaved.set(false);
        hold(m.epochsDone(), false);
        clearError();
        status.set("Opened " + folder.getFileName() + ": " + m.model().config().kind().label() + ", "
                + m.epochsDone() + " epochs.");
    }

    /** The command line that trains the same model on the same split. */
    private String commandLine(Autoencoder m) {
        StringBuilder sb = new StringBuilder(CommandText.LAUNCHER + " train");
        sb.append(" --dataset ").append(CommandText.quote(source.spec()));
        sb.append(" --train-size ").append(settings.trainSize.get());
        sb.append(" --val-fraction ").append(settings.validationFraction.get());
        sb.append(" --seed ").append(settings.seed.get());
        ModelConfig c = m.config();
        sb.append(" --model ").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        sb.append(" --latent ").append(m.latentDim());
        if (c instanceof AutoencoderConfig a) {
            network(sb, a.hidden(), a.activation(), a.likelihood(), a.gaussianSigma());
            if (a.sparsity() != dev.bottleneck.core.model.Sparsity.NONE) {
                sb.append(" --sparsity ").append(a.sparsity().name().toLowerCase(Locale.ROOT))
                        .append(" --sparsity-weight ").append(a.sparsityWeight())
                        .append(" --sparsity-target ").append(a.sparsityTarget());
            }
            sb.append(" --corruption ").append(a.corruption());
        } else if (c instanceof VaeConfig v) {
            network(sb, v.hidden(), v.activation(), v.likelihood(), v.gaussianSigma());
            sb.append(" --beta ").append(v.beta()).append(" --kl-warmup ").append(v.klWarmupEpochs());
        }
        if (trainer != null) {
            TrainingConfig t = trainer.config();
            sb.append(" --epochs ").append(t.epochs()).append(" --batch-size ").append(t.batchSize())
                    .append(" --lr ").append(t.learningRate()).append(" --patience ").append(t.patience());
        }
        return sb.toString();
    }

    private static void network(StringBuilder sb, List<Integer> hidden, dev.bottleneck.core.model.Activation act,
            Likelihood likelihood, double sigma) {
        StringBuilder h = new StringBuilder();
        for (int size : hidden) {
            h.append(h.length() > 0 ? "," : "").append(size);
        }
        sb.append(" --hidden ").append(h).append(" --activation ").append(act.name().toLowerCase(Locale.ROOT))
                .append(" --likelihood ").append(likelihood.name().toLowerCase(Locale.ROOT))
                .append(" --sigma ").append(sigma);
    }

    /** Starts training a new model from the settings, or resumes a paused run. */
    public void train() {
        startRun(Integer.MAX_VALUE);
    }

    /**
     * Trains one more epoch: finishes the current one when paused mid-epoch, and continues a run that completed or
     * was stopped (its curves go on at the next epoch). Only with no run, or after divergence, does it start anew.
     */
    public void stepEpoch() {
        if (state.get() == State.FINISHED && stepContinues()) {
            trainer.extendTo(trainer.epochsDone() + 1);
            continuing = true;
        }
        startRun(1);
    }

    private boolean continuing;   // the next startRun goes on with the finished trainer
    private boolean diverged;     // the last run diverged: nothing to continue

    /** Asks training to pause after the current batch. */
    public void pause() {
        if (isTraining()) {
            pauseRequested = true;
            status.set("Pausing...");
        }
    }

    /** Pause when training, resume when paused. */
    public void togglePause() {
        if (isTraining()) {
            pause();
        } else if (state.get() == State.PAUSED) {
            train();
        }
    }

    /** Ends the run after the current batch; the model keeps the parameters of its last complete step. */
    public void stop() {
        if (isTraining()) {
            pause();
            stopAfterPause = true;
        } else if (state.get() == State.PAUSED) {
            state.set(State.FINISHED);
            status.set("Stopped after epoch " + trainer.epochsDone() + ".");
        }
    }

    private boolean stopAfterPause;

    /** True when a finished or paused run has a best validation epoch to go back to. */
    public boolean canRestoreBest() {
        return trainer != null && trainer.bestEpoch() > 0 && !isTraining(); // best() would copy the model
    }

    /**
     * Puts the parameters of the best validation epoch back into the model (after overfitting, say); a later Train
     * starts a new run. Not while training: pause first.
     */
    public void restoreBest() {
        if (!canRestoreBest()) {
            error.set(isTraining() ? "Pause training before restoring the best epoch." : "No validated epoch to restore yet.");
            return;
        }
        GradientModel best = trainer.best();
        List<dev.bottleneck.core.model.Parameter> to = liveModel.parameters();
        List<dev.bottleneck.core.model.Parameter> from = best.parameters();
        for (int i = 0; i < to.size(); i++) {
            to.get(i).value().copyFrom(from.get(i).value());
        }
        model.set(liveModel.copy());
        state.set(State.FINISHED);
        status.set("Restored the parameters of epoch " + trainer.bestEpoch() + ", the best on validation.");
        hold(trainer.bestEpoch(), true);
    }

    /** Applies a preset; loads the data when the preset names other data than the loaded one. */
    public void applyPreset(SettingsViewModel.Preset p) {
        if (isTraining()) {
            error.set("Pause training before choosing a preset.");
            return;
        }
        String before = source == null ? null : source.spec();
        int trainBefore = settings.trainSize.get();
        settings.apply(p);
        if (before == null || !before.equals(settings.dataset.get()) || trainBefore != settings.trainSize.get()) {
            loadData();
        } else {
            reset();
        }
        status.set(p.label() + ": " + p.description() + ". Press Train.");
    }

    /** Discards the run: a fresh model with the settings' architecture, empty curves. */
    public void reset() {
        if (isTraining() || split.get() == null) {
            return;
        }
        trainer = null;
        liveModel = null;
        clearCurves();
        try {
            ModelConfig config = settings.modelConfig(split.get().train().features());
            checkLikelihood(config);
            checkMemory(config, settings.trainingConfig());
            Autoencoder fresh = config.build(settings.seed.get());
            if (fresh instanceof Pca) {
                model.set(null);
                status.set("Ready: press Train to fit PCA.");
            } else {
                model.set(fresh.copy());
                status.set("Ready: a fresh " + config.kind().label() + " (untrained). Press Train.");
            }
            state.set(State.READY);
        } catch (IllegalArgumentException e) {
            state.set(State.READY);
            status.set("Check the settings.");
            error.set(e.getMessage());
        }
    }

    private void clearCurves() {
        clearSnapshots();
        history = new TrainingHistory();
        batchPoints.clear();
        epochPoints.clear();
        progress.set(0);
        epoch.set(0);
        batch.set(0);
        samplesPerSecond.set(0);
        timeLeft.set("");
        bestEpoch.set(0);
        unsaved.set(false);
        heldEpoch.set(Double.NaN);
        held.set("");
    }

    // ---- running ---------------------------------------------------------------------------------------------

    private boolean isTraining() {
        return state.get() == State.TRAINING;
    }

    private void startRun(int epochs) {
        if (isTraining() || split.get() == null) {
            return;
        }
        clearError();
        try {
            if (continuing) {
                continuing = false;
            } else if (trainer == null || state.get() == State.FINISHED || state.get() == State.READY) {
                if (!newRun()) {
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        pauseRequested = false;
        stopAfterPause = false;
        shownEpoch.set(-1);
        heldEpoch.set(Double.NaN);
        held.set("");
        runStartNanos = System.nanoTime();
        runStartProgress = trainer.progress();
        state.set(State.TRAINING);
        status.set("Training...");
        service.prepare(trainer, epochs, pump, () -> pauseRequested);
        service.restart();
    }

    /** Builds a new trainer from the settings; PCA is fitted at once instead. Returns false when nothing to train. */
    private boolean newRun() {
        DataSplit sp = split.get();
        ModelConfig config = settings.modelConfig(sp.train().features());
        checkLikelihood(config);
        clearCurves();
        if (config instanceof dev.bottleneck.core.model.PcaConfig) {
            fitPca(config, sp);
            return false;
        }
        TrainingConfig tc = settings.trainingConfig();
        checkMemory(config, tc);
        openedFolder = null;
        diverged = false;
        liveModel = (GradientModel) config.build(tc.seed());
        model.set(liveModel.copy());
        trainer = new Trainer(liveModel, sp.train(), sp.validation(), tc, noiseOf(config, sp));
        if (settings.heldOutSamples.get() > 0 && config instanceof VaeConfig) {
            trainer.withHeldOutLikelihood(settings.heldOutSamples.get(), settings.heldOutExamples());
        }
        Corruption check = Corruption.parse(settings.validationCorruption.get());
        if (!(check instanceof Corruption.None)) {
            float[] range = sp.train().valueRange();
            trainer.withDenoisingValidation((block, length, seed) ->
                    check.apply(block, 0, length, range[0], range[1], new java.util.SplittableRandom(seed)));
        }
        return true;
    }

    private void fitPca(ModelConfig config, DataSplit sp) {
        state.set(State.TRAINING);
        status.set("Fitting PCA...");
        long seed = settings.seed.get();
        executors.training().execute(() -> {
            try {
                long t0 = System.nanoTime();
                Pca pca = (Pca) config.build(seed);
                pca.fit(sp.train().toFloatArray(), sp.train().size());
                double seconds = (System.nanoTime() - t0) / 1e9;
                LossTerms train = Evaluation.meanTerms(pca, sp.train(), seed);
                LossTerms val = sp.validation().size() > 0 ? Evaluation.meanTerms(pca, sp.validation(), seed) : null;
                executors.fx().execute(() -> {
                    TrainingHistory.EpochPoint p = new TrainingHistory.EpochPoint(1, train, val,
                            sp.train().size() / seconds, seconds);
                    history = new TrainingHistory(List.of(), List.of(p));
                    epochPoints.add(p);
                    epoch.set(1);
                    progress.set(1);
                    bestEpoch.set(val == null ? 0 : 1);
                    model.set(pca.copy());
                    state.set(State.FINISHED);
                    unsaved.set(true);
                    status.set(String.format(Locale.ROOT, "PCA fitted in %.1f s.", seconds));
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                executors.fx().execute(() -> failed(e));
            }
        });
    }

    /**
     * Refuses settings whose network, optimiser state and batch buffers, with the loaded data, would not fit in the
     * heap: said in the error banner before anything is built, instead of an OutOfMemoryError.
     */
    private void checkMemory(ModelConfig config, TrainingConfig tc) {
        DataSplit sp = split.get();
        Dataset pool = source != null ? source.pool() : sp.train();
        Map<MemoryBudget.Knob, String> knobs = new EnumMap<>(
                MemoryBudget.Knob.class);
        knobs.put(MemoryBudget.Knob.MODEL_SIZE, "hidden layer size");
        knobs.put(MemoryBudget.Knob.BATCH_SIZE, "batch size");
        MemoryBudget.ofThisJvm().check("Training this " + config.kind().label(),
                TrainingFootprint.of(config, pool.size(),
                        pool.memoryBytes() / Math.max(1, pool.size()), sp.train().size(), tc.batchSize(),
                        config instanceof dev.bottleneck.core.model.PcaConfig ? null : tc.optimizer()), knobs);
    }

    private void checkLikelihood(ModelConfig config) {
        Likelihood l = config instanceof AutoencoderConfig a ? a.likelihood()
                : config instanceof VaeConfig v ? v.likelihood() : null;
        if (l == Likelihood.BERNOULLI && source != null && !source.inUnitRange()) {
            float[] r = source.pool().valueRange();
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s lies in [%.2f, %.2f], but the Bernoulli likelihood needs data in [0, 1]: choose Gaussian.",
                    source.spec(), r[0], r[1]));
        }
    }

    static InputNoise noiseOf(ModelConfig config, DataSplit sp) {
        if (!(config instanceof AutoencoderConfig a) || !a.denoising()) {
            return null;
        }
        Corruption c = Corruption.parse(a.corruption());
        float[] range = sp.train().valueRange();
        return (b, length, rng) -> c.apply(b, 0, length, range[0], range[1], rng);
    }

    /** Applies a turn's worth of training events, on the FX thread. */
    private void apply(List<TrainingEvent> events) {
        List<TrainingHistory.BatchPoint> newBatches = new ArrayList<>();
        TrainingEvent.Batch lastBatch = null;
        Autoencoder snapshot = null;
        for (TrainingEvent e : events) {
            history.record(e);
            if (e instanceof TrainingEvent.Batch b) {
                newBatches.add(new TrainingHistory.BatchPoint(b.epochsDone(), b.terms()));
                lastBatch = b;
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
            } else if (e instanceof TrainingEvent.Snapshot s) {
                snapshot = s.model();
                if (s.batch() == 0 && s.epoch() > 0) { // the end of an epoch: keep it for the time scrubber
                    keepSnapshot(s.epoch(), s.model());
                }
            }
        }
        if (!newBatches.isEmpty()) {
            batchPoints.addAll(newBatches);
        }
        if (lastBatch != null) {
            unsaved.set(true);
            int total = trainer.config().epochs();
            epochsTotal.set(total);
            batchesPerEpoch.set(lastBatch.batchesPerEpoch());
            epoch.set(lastBatch.epoch());
            batch.set(lastBatch.batch());
            samplesPerSecond.set(lastBatch.samplesPerSecond());
            progress.set(Math.min(1, lastBatch.epochsDone() / total));
            timeLeft.set(timeLeft(lastBatch.epochsDone(), total, System.nanoTime()));
        }
        if (snapshot != null) {
            model.set(snapshot);
        }
    }

    private void finished(TrainingEvent.Finished f) {
        // The task has ended: the FX thread may now read the live model without racing the training thread.
        model.set(liveModel.copy());
        timeLeft.set("");
        switch (f.reason()) {
            case CANCELLED -> {
                if (stopAfterPause) {
                    state.set(State.FINISHED);
                    status.set("Stopped at epoch " + trainer.epochsDone() + ", batch " + batch.get() + ".");
                } else {
                    state.set(trainer.progress() >= trainer.config().epochs() ? State.FINISHED : State.PAUSED);
                    status.set(f.message());
                }
            }
            case DIVERGED -> {
                diverged = true;
                state.set(State.FINISHED);
                status.set("Training diverged.");
                error.set(f.message());
                // The trainer put back the last parameters whose loss was finite: say which, not the epoch it reached.
                heldEpoch.set(trainer.lastGoodProgress());
                held.set("model: " + trainer.lastGoodPlace() + ", the last good before the run diverged");
                return;
            }
            default -> {
                state.set(State.FINISHED);
                status.set(f.message());
            }
        }
        hold(trainer.progress(), false);
    }

    /** Records which epoch's parameters the model now holds (after a run, a restore or an open). */
    private void hold(double epochs, boolean best) {
        heldEpoch.set(epochs);
        if (epochs <= 0) {
            held.set("model: untrained");
            return;
        }
        boolean whole = epochs == Math.rint(epochs);
        String at = whole ? "epoch " + (long) epochs
                : String.format(Locale.ROOT, "epoch %d, batch %d", (long) epochs + 1, batch.get());
        boolean isBest = best || (whole && (long) epochs == bestEpoch.get());
        held.set("model: " + at + (isBest ? ", the best on validation" : ""));
    }

    private void failed(Throwable t) {
        state.set(trainer == null ? State.READY : State.FINISHED);
        status.set("Training failed.");
        error.set(messageOf(t, null));
    }

    static String messageOf(Throwable t, String what) {
        if (t instanceof OutOfMemoryError) {
            return "Not enough memory" + (what == null ? "" : " for " + what)
                    + ". Choose a smaller training set or image size, or start Bottleneck with more memory (-Xmx).";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
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

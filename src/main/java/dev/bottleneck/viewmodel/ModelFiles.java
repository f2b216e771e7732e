package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.io.CommandText;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model's files: Save, Open (the recent and shipped models too), the curves as CSV and lecture scenes. Reading and
 * writing run on the loading thread; a failure shows in the error banner and leaves the model at hand intact.
 */
public final class ModelFiles {

    private final SettingsViewModel settings;
    private final FxExecutors executors;
    private final SessionStatus status;
    private final DataSession data;
    private final TrainingSession run;
    private final RecentModels recent;

    ModelFiles(SettingsViewModel settings, FxExecutors executors, SessionStatus status, DataSession data,
            TrainingSession run, RecentModels recent) {
        this.settings = settings;
        this.executors = executors;
        this.status = status;
        this.data = data;
        this.run = run;
        this.recent = recent;
    }

    public RecentModels recentModels() {
        return recent;
    }

    /** The folder the explored model was opened from (or saved to), or null for a model trained in this session. */
    public Path openedFolder() {
        return run.origin();
    }

    /**
     * Saves the model being explored, its settings, curves and data description into {@code folder} (atomically:
     * a failed save leaves an existing model intact). The equivalent command line is recorded, so {@code eval}
     * can rebuild the split.
     */
    public void save(Path folder) {
        if (!run.canSave()) {
            status.error("Nothing to save yet" + (status.isTraining() ? ": pause training first." : "."));
            return;
        }
        Autoencoder m = run.modelProperty().get();
        Trainer trainer = run.trainer();
        TrainingCurves curves = run.curves();
        TrainingHistory h = curves.history();
        boolean closedForm = m.config().kind().closedForm();
        TrainingConfig tc = trainer != null ? trainer.config() : closedForm ? null : settings.trainingConfig();
        int done = trainer != null ? trainer.epochsDone() : closedForm && curves.lastEpoch() != null ? 1 : 0;
        int best = Math.min(curves.bestEpoch(), done);
        DataSplit sp = data.split();
        String spec = data.source().spec();
        String command = commandLine(m, trainer);
        Map<String, Double> metrics = new LinkedHashMap<>();
        TrainingHistory.EpochPoint last = curves.lastEpoch();
        if (last != null && last.validation() != null) {
            last.validation().asMap().forEach((t, v) -> {
                if (Double.isFinite(v)) {
                    metrics.put("val." + t.key(), v);
                }
            });
        }
        // A diverged run holds its last good parameters, not the final ones: the saved model says so.
        String what = trainer != null && trainer.diverged()
                ? "the last good parameters (" + trainer.lastGoodPlace() + ") of the diverged run to " : "";
        status.say("Saving " + what + folder + "...");
        long seed = settings.seed.get();
        executors.loading().execute(() -> {
            try {
                DatasetInfo info = new DatasetInfo(spec, sp.train().size(), sp.validation().size(),
                        sp.test() == null ? 0 : sp.test().size(), sp.fingerprintHex());
                SavedModel saved = closedForm ? SavedModel.ofPca(m, info, seed, metrics, command)
                        : SavedModel.of(m, tc, h, info, tc.seed(), done, best, metrics, command);
                new ModelStore().save(folder, saved);
                executors.fx().execute(() -> {
                    recent.add(folder);
                    run.saved(m, folder);
                    status.clearError();
                    status.say("Saved " + what + folder);
                });
            } catch (Exception e) {
                executors.fx().execute(() -> {
                    status.say("Could not save.");
                    status.error("Could not save " + folder + ": " + SessionStatus.messageOf(e, null));
                });
            }
        });
    }

    /** Writes the curves as CSV ({@link TrainingCurves#csv()}) to {@code file}, in the background. */
    public void exportCurves(Path file) {
        String csv = run.curves().csv();
        executors.loading().execute(() -> {
            try {
                Files.writeString(file, csv);
                executors.fx().execute(() -> status.say("Wrote the curves to " + file));
            } catch (IOException e) {
                executors.fx().execute(() -> status.error("Could not write " + file + ": "
                        + SessionStatus.messageOf(e, null)));
            }
        });
    }

    /**
     * Saves a scene (settings, the model's folder, the view) to {@code file} and says in the status bar what a replay
     * of it will do; a failure shows as an error naming the file.
     */
    public void saveScene(Path file, Scene.View view) {
        Path folder = run.origin();
        Scene scene = new Scene(1, settings.snapshot(), folder == null ? null : folder.toString(), view);
        try {
            scene.write(file);
            status.say("Saved the scene to " + file + ". " + scene.replayPlan());
        } catch (IOException e) {
            status.error("Could not write the scene " + file + ": " + SessionStatus.messageOf(e, null));
        }
    }

    /** Opens a saved model: its settings, its dataset (loaded if it differs), its curves and the views. */
    public void open(Path folder) {
        if (status.isTraining()) {
            status.error("Pause training before opening a model.");
            return;
        }
        status.say("Opening " + folder + "...");
        executors.loading().execute(() -> {
            try {
                SavedModel m = new ModelStore().load(folder);
                executors.fx().execute(() -> opened(m, folder));
            } catch (Exception | OutOfMemoryError e) {
                executors.fx().execute(() -> {
                    status.say("Could not open the model.");
                    status.error(SessionStatus.messageOf(e, folder.toString()));
                    if (!(e instanceof IOException) || !Files.isDirectory(folder)) {
                        recent.remove(folder);
                    }
                });
            }
        });
    }

    private void opened(SavedModel m, Path folder) {
        settings.apply(m.model().config(), m.training());
        // The split settings as saved (typed, the seed a long), or as an older folder's command line recorded them.
        settings.applyData(m);
        String spec = settings.dataset.get();
        recent.add(folder);
        DataSplit sp = data.split();
        boolean sameData = data.source() != null && data.source().spec().equals(spec) && sp != null
                && m.dataset() != null && m.dataset().trainSize() == sp.train().size()
                && m.dataset().validationSize() == sp.validation().size();
        if (sameData) {
            install(m, folder);
        } else {
            data.load(() -> install(m, folder));
        }
    }

    private void install(SavedModel m, Path folder) {
        int features = data.split().train().features();
        if (m.model().inputDim() != features) {
            status.error(folder + ": the model takes " + m.model().inputDim() + " numbers per example, but "
                    + data.source().spec() + " has " + features + ".");
            run.reset();
            return;
        }
        run.adopt(m, folder);
    }

    /** The command line that trains the same model on the same split. */
    private String commandLine(Autoencoder m, Trainer trainer) {
        StringBuilder sb = new StringBuilder(CommandText.LAUNCHER + " train");
        sb.append(" --dataset ").append(CommandText.quote(data.source().spec()));
        sb.append(" --train-size ").append(settings.trainSize.get());
        sb.append(" --val-fraction ").append(settings.validationFraction.get());
        sb.append(" --seed ").append(settings.seed.get());
        ModelConfig c = m.config();
        ModelKind k = c.kind();
        ModelSettings s = c.settings();
        sb.append(" --model ").append(k.cliName());
        sb.append(" --latent ").append(m.latentDim());
        if (k.has(ModelSetting.NETWORK)) {
            sb.append(" --hidden ").append(joined(s.hidden()));
        }
        if (k.has(ModelSetting.CONVOLUTIONS) && s.conv() != null) {
            sb.append(" --conv ").append(joined(s.conv().channels()));
            sb.append(" --conv-dense ").append(joined(s.conv().dense()));
        }
        if (k.has(ModelSetting.NETWORK) || k.has(ModelSetting.CONVOLUTIONS)) {
            sb.append(" --activation ").append(s.activation().name().toLowerCase(Locale.ROOT));
        }
        if (k.has(ModelSetting.LIKELIHOOD)) {
            sb.append(" --likelihood ").append(s.likelihood().name().toLowerCase(Locale.ROOT))
                    .append(" --sigma ").append(s.gaussianSigma());
        }
        if (k.has(ModelSetting.SPARSITY) && s.sparsity() != null && s.sparsity() != Sparsity.NONE) {
            sb.append(" --sparsity ").append(s.sparsity().name().toLowerCase(Locale.ROOT))
                    .append(" --sparsity-weight ").append(s.sparsityWeight())
                    .append(" --sparsity-target ").append(s.sparsityTarget());
        }
        if (k.has(ModelSetting.CORRUPTION) && s.corruption() != null) {
            sb.append(" --corruption ").append(s.corruption());
        }
        if (s.beta() != null) {
            sb.append(" --beta ").append(s.beta());
            if (k.has(ModelSetting.KL_WARMUP)) {
                sb.append(" --kl-warmup ").append(s.klWarmupEpochs());
            }
        }
        if (k.has(ModelSetting.TC_WEIGHTS)) {
            sb.append(" --alpha ").append(s.tcAlpha()).append(" --gamma ").append(s.tcGamma());
        }
        if (k.has(ModelSetting.DISCRIMINATOR)) {
            sb.append(" --gamma ").append(s.factorGamma()).append(" --discriminator ")
                    .append(joined(s.discriminator())).append(" --discriminator-lr ").append(s.discriminatorRate());
        }
        if (k.has(ModelSetting.CAPACITY) && s.capacityMax() > 0) {
            sb.append(" --capacity-max ").append(s.capacityMax()).append(" --capacity-gamma ")
                    .append(s.capacityGamma()).append(" --capacity-epochs ").append(s.capacityEpochs());
        }
        if (trainer != null) {
            TrainingConfig t = trainer.config();
            sb.append(" --epochs ").append(t.epochs()).append(" --batch-size ").append(t.batchSize())
                    .append(" --lr ").append(t.learningRate()).append(" --patience ").append(t.patience());
        }
        return sb.toString();
    }

    private static String joined(List<Integer> sizes) {
        StringBuilder h = new StringBuilder();
        for (int size : sizes) {
            h.append(h.length() > 0 ? "," : "").append(size);
        }
        return h.toString();
    }
}

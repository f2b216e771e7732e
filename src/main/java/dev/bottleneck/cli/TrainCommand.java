package dev.bottleneck.cli;

import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.SplitSettings;
import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.MigResult;
import dev.bottleneck.core.eval.MutualInformationGap;
import dev.bottleneck.core.eval.ReconstructionError;
import dev.bottleneck.core.eval.ReconstructionMetrics;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.ModelFitter;
import dev.bottleneck.core.train.InputNoise;
import dev.bottleneck.core.train.Optimizer;
import dev.bottleneck.core.train.Trainer;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.train.TrainingEvent;
import dev.bottleneck.core.train.TrainingFootprint;
import dev.bottleneck.core.train.TrainingHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.bottleneck.core.io.CommandText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: fits a model and, with {@code --out}, saves it as a model folder that {@code eval} can score again:
 * the recorded command line carries the data flags that rebuild the split, the split's fingerprint checks it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train a model (or fit PCA) and, with --out, save it as a model folder: parameters, curves, "
                + "the split's fingerprint, validation and test metrics, and this command line.",
                "Without --out nothing is saved."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained (and saved with --out)", "2:bad input, or the model could not be saved",
                "3:the loss diverged: the last good parameters were saved, with a warning (none if nothing was "
                        + "learned)"})
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "examples per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME", description = "adam or sgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "EPOCHS",
            description = "stop after this many epochs without a better validation loss (0: never)")
    int patience;

    @Option(names = "--keep-best", description = "save the parameters of the best validation epoch, not the last")
    boolean keepBest;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "seed of the split, weights and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "BLAS threads (default: 1, or the bottleneck.threads property)")
    Integer threads;

    @Option(names = "--out", paramLabel = "FOLDER",
            description = "model folder to write (replacing only a Bottleneck model folder that holds nothing else); "
                    + "without --out nothing is saved")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        // Every flag is checked before the data loads (MNIST takes a moment; a typo should not).
        modelOptions.validate();
        validateTraining();
        data.validate();
        BottleneckCli.checkThreads(threads);
        if (out != null) {
            checkTarget(out);
        }
        String command = CommandText.record(originalArgs());
        MemoryBudget budget = BottleneckCli.budget();
        Optional<DatasetCatalog.Size> size = data.estimate(seed);
        Map<MemoryBudget.Knob, String> knobs = data.knobs(size);
        if (size.isPresent()) {
            // Before anything is read or generated: the dataset, the network and a training step together.
            DatasetCatalog.Size s = size.get();
            DatasetCatalog.checkFitsOneArray(data.dataset, s, knobs);
            long trainExamples = data.trainSize > 0 ? Math.min(data.trainSize, s.examples()) : s.examples();
            checkMemory(budget, modelOptions.toConfig(s.shape() != null ? Shape.of(s.shape()) : Shape.features((int) s.features()),
                    true /* the likelihood does not change the size */), s.examples(), s.bytesPerExample(),
                    trainExamples, knobs);
        }
        Blas.init(threads != null ? threads : Blas.defaultThreads());
        DatasetCatalog.Source source = data.open(seed, budget);
        DataSplit split = data.split(source, seed);
        o.printf(Locale.ROOT, "%s%n  train %d, validation %d, test %d%n", source.summary(), split.train().size(),
                split.validation().size(), split.test().size());
        ModelConfig config = modelOptions.toConfig(Shape.of(split.train().shape()), source.inUnitRange());
        Dataset pool = source.pool();
        checkMemory(budget, config, pool.size(), pool.memoryBytes() / Math.max(1, pool.size()),
                split.train().size(), knobs);
        checkLikelihood(config, source);
        if (modelOptions.isAuto() && likelihoodOf(config) != null) {
            float[] r = source.pool().valueRange();
            o.printf(Locale.ROOT, "Likelihood: %s (auto: the data lies in [%s, %s]%s)%n",
                    likelihoodOf(config).name().toLowerCase(Locale.ROOT), r[0], r[1],
                    source.inUnitRange() ? ", inside [0, 1]" : ", outside [0, 1]");
        }
        o.println("Model: " + ModelOptions.describe(config));
        if (out == null) {
            o.println("Not saved: no --out FOLDER, so the model is discarded after this run.");
        }
        o.flush();
        Autoencoder model;
        TrainingConfig tc = null;
        TrainingHistory history = new TrainingHistory();
        int epochsDone = 0;
        int bestEpoch = 0;
        Map<String, Double> metrics = new LinkedHashMap<>();
        String divergence = null; // what to warn about when the run diverged
        boolean nothingLearned = false;
        TrainingConfig training = config.kind().closedForm() ? null : new TrainingConfig(epochs, batchSize,
                ModelOptions.parseEnum(Optimizer.Kind.class, optimizer, "--optimizer"), lr, momentum, seed, patience,
                TrainingConfig.DEFAULT_SNAPSHOT_MILLIS);
        // With ground-truth factors, each epoch's line ends with MIG on validation examples spread over the split, the
        // set the app's Components tab uses: how disentanglement grows, not only the loss.
        Dataset migSet = split.validation().factors().isPresent() && split.validation().size() > 0
                ? split.validation().spread(MIG_EXAMPLES) : null;
        if (migSet != null && training != null) {
            o.printf(Locale.ROOT, "MIG after each epoch: on %,d validation examples spread over the split, with the "
                    + "parameters of the last snapshot (at most %d ms before the epoch's end)%n", migSet.size(),
                    training.snapshotMillis());
        }
        Autoencoder[] latest = new Autoencoder[1];
        long t0 = System.nanoTime();
        ModelFitter.Fitted fitted = ModelFitter.fit(config, split.train(), split.validation(), training,
                noiseOf(config, split), event -> {
                    history.record(event);
                    if (event instanceof TrainingEvent.Snapshot snap) {
                        latest[0] = snap.model();
                    }
                    if (event instanceof TrainingEvent.Epoch e) {
                        String line = progressLine(e, epochs);
                        if (migSet != null && latest[0] != null) {
                            line += migText(MutualInformationGap.compute(latest[0], migSet));
                        }
                        o.println(line);
                        o.flush();
                    }
                }, () -> false);
        if (fitted.closedForm()) {
            o.printf(Locale.ROOT, "Fitted %s on %d examples in %.2f s (closed form, no epochs)",
                    config.kind().label(), split.train().size(), (System.nanoTime() - t0) / 1e9);
            if (fitted.model() instanceof Pca pca) {
                double explained = sum(pca.explainedVarianceRatio());
                o.printf(Locale.ROOT, "; variance explained by %d %s: %.4f", config.latentDim(),
                        config.latentDim() == 1 ? "component" : "components", explained);
                metrics.put("pca.varianceExplained", explained);
            }
            o.println();
            model = fitted.model();
        } else {
            tc = training;
            GradientModel gm = (GradientModel) fitted.model();
            Trainer trainer = fitted.trainer();
            TrainingEvent.Finished end = fitted.end();
            o.println(end.message());
            epochsDone = end.epochsDone();
            bestEpoch = end.bestEpoch();
            GradientModel best = keepBest ? trainer.best() : null;
            if (best != null) {
                o.println("Keeping the parameters of epoch " + bestEpoch + ", the best on validation.");
            }
            model = best != null ? best : gm;
            if (trainer.diverged()) {
                // The trainer put back the last parameters whose loss was finite and not exploding.
                nothingLearned = best == null && trainer.lastGoodProgress() == 0;
                divergence = best != null ? "the parameters of epoch " + bestEpoch + ", the best on validation"
                        : "the last good parameters (of " + trainer.lastGoodPlace() + "), not the final ones";
            }
        }
        // Measured as eval measures them (same blocks, noise seeded by the run's seed), so eval reproduces them.
        metrics.putAll(splitMetrics("val", model, split.validation(), seed));
        if (split.test().size() > 0) {
            ReconstructionError test = ReconstructionMetrics.measure(model, split.test(), seed);
            o.println("test: " + describe(test));
            metrics.putAll(metricsOf("test", test));
        }
        if (nothingLearned) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: training diverged at its first steps, so nothing was learned and nothing was saved"
                    + (out == null ? "" : " (" + out + " is as it was)") + ". Try a smaller --lr.");
            err.flush();
            o.flush();
            return EXIT_DIVERGED;
        }
        if (out != null) {
            DatasetInfo info = new DatasetInfo(source.spec(), split.train().size(), split.validation().size(),
                    split.test().size(), split.fingerprintHex(),
                    new SplitSettings(data.trainSize, data.valFraction, seed));
            SavedModel saved = tc == null ? SavedModel.ofPca(model, info, seed, metrics, command)
                    : SavedModel.of(model, tc, history, info, seed, epochsDone, bestEpoch, metrics, command);
            new ModelStore().save(out, saved);
            o.println("Saved " + out);
        } else {
            o.println("Not saved (no --out FOLDER).");
        }
        o.flush();
        if (divergence != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: training diverged; " + (out == null ? "kept " : "saved ") + divergence
                    + ". Try a smaller --lr.");
            err.flush();
            return EXIT_DIVERGED;
        }
        return 0;
    }

    /** The exit code of a run whose loss diverged (the last good parameters, if any, were saved). */
    static final int EXIT_DIVERGED = 3;

    /** The arguments as given, the verb first: what the recorded command repeats. */
    private List<String> originalArgs() {
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        List<String> args = new ArrayList<>(parsed == null ? List.of() : parsed.originalArgs());
        if (args.isEmpty() || !args.get(0).equals(spec.name())) {
            args.add(0, spec.name()); // run as a command of its own (not a verb of BottleneckCli)
        }
        return args;
    }

    /** The most epochs a run may ask for: each epoch adds its curve points to the history kept in memory. */
    static final int MAX_EPOCHS = 100_000;

    /** Refuses a training flag out of range, naming the flag and the allowed range. */
    private void validateTraining() {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--epochs must be 1..%,d, not %d",
                    MAX_EPOCHS, epochs));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1 (a batch larger than the training "
                    + "set is the whole set), not " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive finite number, not " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must lie in [0, 1), not " + momentum);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--patience must be 0 (never stop early) or more, not " + patience);
        }
        ModelOptions.parseEnum(Optimizer.Kind.class, optimizer, "--optimizer");
    }

    /** Refuses a run whose dataset, network and training step together would not fit in {@code budget}. */
    private void checkMemory(MemoryBudget budget, ModelConfig config, long examples, long bytesPerExample,
            long trainExamples, Map<MemoryBudget.Knob, String> knobs) {
        Optimizer.Kind opt = config.kind().closedForm() ? null
                : ModelOptions.parseEnum(Optimizer.Kind.class, optimizer, "--optimizer");
        budget.check("training " + config.kind().label() + " on " + data.dataset.trim(),
                TrainingFootprint.of(config, examples, bytesPerExample, trainExamples, batchSize, opt), knobs);
    }

    /** Refuses an --out that a save would refuse, before training rather than after. */
    static void checkTarget(Path out) throws IOException {
        ModelStore.checkCanSave(out);
    }

    /**
     * The metrics of a split as saved in {@code model.json}: {@code prefix + ".loss"}, {@code ".reconstruction"},
     * {@code ".kl"}, {@code ".negElbo"}, {@code ".sparsity"} (those the model has) and {@code ".msePerPixel"}, in the
     * units and under the names of {@code eval}'s report; nothing for an empty split.
     */
    static Map<String, Double> splitMetrics(String prefix, Autoencoder model, Dataset data, long seed) {
        return data.size() == 0 ? Map.of() : metricsOf(prefix, ReconstructionMetrics.measure(model, data, seed));
    }

    static Map<String, Double> metricsOf(String prefix, ReconstructionError r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<Term, Double> e : r.terms().asMap().entrySet()) {
            // MSE is sampled for the VAE; msePerPixel below decodes the mean, as eval does.
            String name = e.getKey() == Term.MSE_PER_FEATURE ? null : e.getKey().key();
            if (name != null && Double.isFinite(e.getValue())) {
                m.put(prefix + "." + name, e.getValue());
            }
        }
        if (Double.isFinite(r.msePerPixel())) {
            m.put(prefix + ".msePerPixel", r.msePerPixel());
        }
        return m;
    }

    /** Examples MIG is measured on after each epoch: the number the app's scatter and Components tab show. */
    static final int MIG_EXAMPLES = 10_000;

    /** "  |  MIG 0.095 (shape 0.03, scale 0.09, ...)": MIG and each factor's gap. */
    static String migText(MigResult mig) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  |  MIG %.3f (", mig.mig()));
        for (int f = 0; f < mig.factorNames().size(); f++) {
            sb.append(f == 0 ? "" : ", ").append(mig.factorNames().get(f))
                    .append(String.format(Locale.ROOT, " %.2f", mig.gap()[f]));
        }
        return sb.append(')').toString();
    }

    static String progressLine(TrainingEvent.Epoch e, int epochs) {
        return String.format(Locale.ROOT, "epoch %d/%d  train %s  |  val %s  |  %,.0f samples/s, %.1f s", e.epoch(),
                epochs, describe(e.train()), e.validation() == null ? "-" : describe(e.validation()),
                e.samplesPerSecond(), e.seconds());
    }

    /**
     * The terms of a training or validation epoch. A VAE's MSE there is that of one sampled z per example (what the
     * trainer measures), so it is labelled as such: it is not the MSE that {@code eval} and the test line report.
     */
    static String describe(LossTerms t) {
        return describe(t, Double.NaN);
    }

    /**
     * A split's error as {@code eval} reports it: the model's terms, and the MSE per pixel of
     * {@link ReconstructionError#msePerPixel()}, which decodes the posterior mean (deterministic), one definition for
     * train's test line, the saved metrics and eval.
     */
    static String describe(ReconstructionError r) {
        return describe(r.terms(), r.msePerPixel());
    }

    private static String describe(LossTerms t, double meanMse) {
        boolean sampled = t.get(Term.KL).isPresent();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "loss %.3f", t.loss()));
        for (Map.Entry<Term, Double> e : t.asMap().entrySet()) {
            if (e.getKey() == Term.MSE_PER_FEATURE) {
                boolean mean = !Double.isNaN(meanMse);
                sb.append(", MSE ").append(!sampled ? "" : mean ? "(posterior mean) " : "(one sampled z) ")
                        .append(mse(mean ? meanMse : e.getValue()));
            } else if (e.getKey() != Term.LOSS) {
                sb.append(String.format(Locale.ROOT, ", %s %.3f", e.getKey().label(), e.getValue()));
            }
        }
        return sb.toString();
    }

    /** MSE per pixel as train and eval print it. */
    static String mse(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    /** A Bernoulli likelihood needs data in [0, 1]: say so before training rather than diverge. */
    static void checkLikelihood(ModelConfig config, DatasetCatalog.Source source) {
        if (likelihoodOf(config) == Likelihood.BERNOULLI && !source.inUnitRange()) {
            float[] r = source.pool().valueRange();
            throw new IllegalArgumentException(source.spec() + ": values lie in [" + r[0] + ", " + r[1]
                    + "], but a Bernoulli likelihood needs [0, 1]; use --likelihood gaussian");
        }
    }

    /** The decoder's likelihood, or null for PCA (no likelihood). */
    static Likelihood likelihoodOf(ModelConfig config) {
        return config instanceof NeuralConfig n ? n.likelihood() : null;
    }

    /** The training-time corruption of a denoising AE, or null. */
    static InputNoise noiseOf(ModelConfig config, DataSplit split) {
        String spec = config.settings().corruption();
        if (spec == null || spec.isBlank() || spec.equalsIgnoreCase("none")) {
            return null;
        }
        Corruption c = Corruption.parse(spec);
        float[] range = split.train().valueRange();
        return (batch, length, rng) -> c.apply(batch, 0, length, range[0], range[1], rng);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}

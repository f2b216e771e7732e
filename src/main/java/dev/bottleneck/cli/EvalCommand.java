package dev.bottleneck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bottleneck.core.MemoryBudget;
import dev.bottleneck.core.data.DataException;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.eval.EvaluationReport;
import dev.bottleneck.core.eval.ImportanceWeightedBound;
import dev.bottleneck.core.eval.Evaluator;
import dev.bottleneck.core.eval.MigResult;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.ModelFormatException;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.ShippedModels;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.LatentVariableModel;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.NetworkSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.bottleneck.core.io.CommandText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: loads a model folder, rebuilds the split it was trained with and reports every metric of
 * {@link Evaluator} on one part of it.
 *
 * <p>The split is rebuilt from the data flags of the train command recorded in the folder, parsed by {@code train}'s
 * own options (so defaults fill in what the command left out), and the dataset is drawn with the model's seed, as
 * {@code train} does. The split's fingerprint, also recorded, tells whether that gave the same examples.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a saved model on the split it was trained with: reconstruction, KL, -ELBO, the "
                + "importance-weighted -log p(x) (IWAE), bits per dim, MSE per pixel, active units, KL per latent "
                + "dimension, and MIG when the data has ground-truth factors.",
                "The split is rebuilt from the train command recorded in the folder; a warning on stderr says when "
                + "it differs from the one recorded (the data changed)."})
final class EvalCommand implements Callable<Integer> {

    /** The parts of a split, as {@code --split} names them and as the saved metrics prefix them. */
    enum Part {
        TRAIN("train", "train"), VALIDATION("validation", "val"), TEST("test", "test");

        final String label;
        final String metricPrefix;

        Part(String label, String metricPrefix) {
            this.label = label;
            this.metricPrefix = metricPrefix;
        }

        /** What this part is, said for a model: "the held-out test split of the dataset ...". */
        String meaning() {
            return switch (this) {
                case TRAIN -> "the examples the model was trained on";
                case VALIDATION -> "the validation split held out while the model trained (early stopping, best "
                        + "epoch)";
                case TEST -> "the held-out test split of the dataset the model was trained on (never seen in "
                        + "training)";
            };
        }

        Dataset of(DataSplit split) {
            return switch (this) {
                case TRAIN -> split.train();
                case VALIDATION -> split.validation();
                case TEST -> split.test();
            };
        }

        static Part parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "train", "training" -> TRAIN;
                case "validation", "val" -> VALIDATION;
                case "test" -> TEST;
                default -> throw new IllegalArgumentException("--split must be test, validation or train, not '"
                        + text + "'");
            };
        }
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FOLDER",
            description = "model folder written by train --out, or a shipped model (models/NAME or NAME)")
    Path folder;

    @Option(names = "--split", defaultValue = "test", paramLabel = "PART",
            description = "test, validation or train (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--iwae", defaultValue = "100", paramLabel = "K",
            description = "importance samples per example of the IWAE estimate of -log p(x); 0 skips it; VAE only "
                    + "(default: ${DEFAULT-VALUE})")
    int iwaeK;

    @Option(names = "--iwae-examples", defaultValue = "1000", paramLabel = "N",
            description = "the IWAE estimate uses the first N examples of the split (default: ${DEFAULT-VALUE})")
    int iwaeExamples;

    @Option(names = "--examples", defaultValue = "0", paramLabel = "N",
            description = "score only N examples spread evenly over the split, as the app's views do with 10,000 "
                    + "(0: all; default: ${DEFAULT-VALUE}); the figures saved at training, over the whole split, are "
                    + "then not shown beside them")
    int examples;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the evaluation noise (default: the model's, which reproduces the metrics saved "
                    + "at training); the split always uses the model's seed")
    Long seed;

    @Option(names = "--dataset", paramLabel = "NAME|PATH",
            description = "read the data from here instead of the recorded --dataset (a file that moved); the other "
                    + "data flags stay as recorded")
    String dataset;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "BLAS threads (default: 1, or the bottleneck.threads property)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Part part = Part.parse(split);
        if (iwaeK < 0) {
            throw new IllegalArgumentException("--iwae must be >= 0, not " + iwaeK);
        }
        if (examples < 0) {
            throw new IllegalArgumentException("--examples must be >= 0 (0: the whole split), not " + examples);
        }
        if (iwaeExamples < 1) {
            throw new IllegalArgumentException("--iwae-examples must be >= 1, not " + iwaeExamples);
        }
        BottleneckCli.checkThreads(threads);
        Blas.init(threads != null ? threads : Blas.defaultThreads());
        folder = ShippedModels.resolve(folder); // models/mnist-vae-2 from an installed app's own models
        SavedModel m = new ModelStore().load(folder);
        DataOptions data = recordedData(m, folder, err);
        if (dataset != null) {
            data.dataset = dataset;
        }
        MemoryBudget budget = BottleneckCli.budget();
        checkIwae(budget, m);
        DatasetCatalog.Source source;
        DataSplit parts;
        try {
            data.validate();
        } catch (IllegalArgumentException e) {
            throw recordedAsksTooMuch(e);
        }
        // The split's seed as recorded (typed, a long); folders from before take it from the command or the model.
        long splitSeed = m.dataset() != null ? m.dataset().splitSettings(m.command(), m.seed()).seed() : m.seed();
        try {
            Optional<DatasetCatalog.Size> size = data.estimate(splitSeed);
            if (size.isPresent()) {
                DatasetCatalog.checkSize(data.dataset, size.get(), budget, data.knobs(size));
            }
        } catch (DataException | IllegalArgumentException e) {
            throw recordedAsksTooMuch(e);
        }
        try {
            source = data.open(splitSeed, budget); // a file that cannot be read names itself
            parts = data.split(source, splitSeed);
        } catch (IllegalArgumentException e) {
            throw recordedAsksTooMuch(e);
        }
        String fingerprint = parts.fingerprintHex();
        DatasetInfo recorded = m.dataset();
        Boolean same = recorded == null || recorded.splitFingerprint() == null ? null
                : recorded.splitFingerprint().equals(fingerprint);
        if (Boolean.FALSE.equals(same)) {
            err.printf(Locale.ROOT, "warning: the split of %s differs from the one %s was trained on (train %d, "
                    + "validation %d, test %d, fingerprint %s; recorded %d, %d, %d, %s): the data changed, so the "
                    + "numbers are not comparable with those saved at training%n", source.spec(), folder,
                    parts.train().size(), parts.validation().size(), parts.test().size(), fingerprint,
                    recorded.trainSize(), recorded.validationSize(), recorded.testSize(), recorded.splitFingerprint());
            err.flush();
        }
        Dataset d = part.of(parts);
        if (d.size() == 0) {
            throw new IllegalArgumentException("the " + part.label + " split of " + source.spec()
                    + " is empty for this model; choose another --split");
        }
        boolean whole = examples == 0 || examples >= d.size();
        if (!whole) {
            d = d.spread(examples); // not its head: a split keeps its source's order (dSprites: squares first)
        }
        if (d.features() != m.model().inputDim()) {
            throw new IllegalArgumentException(source.spec() + " has " + d.features() + " numbers per example, but "
                    + "the model in " + folder + " takes " + m.model().inputDim());
        }
        long evalSeed = seed != null ? seed : m.seed();
        EvaluationReport report = Evaluator.evaluate(m.model(), d, new Evaluator.Options(iwaeK, iwaeExamples,
                evalSeed));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("folder", folder.toString());
        r.put("model", report.kind().label());
        r.put("latent", m.model().latentDim());
        r.put("dataset", source.spec());
        r.put("split", part.label);
        r.put("examples", report.examples());
        r.putAll(report.toMap());
        r.put("iwaeSamples", report.iwaeSamples());
        r.put("iwaeExamples", report.iwaeExamples());
        report.mig().ifPresent(mig -> {
            r.put("mig", finite(mig.mig()));
            Map<String, Object> gaps = new LinkedHashMap<>();
            for (int f = 0; f < mig.factorNames().size(); f++) {
                gaps.put(mig.factorNames().get(f), finite(mig.gap()[f]));
            }
            r.put("migPerFactor", gaps);
        });
        r.put("seed", evalSeed);
        r.put("splitFingerprint", fingerprint);
        r.put("splitAsTrained", same);
        if (json) {
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } else {
            printTable(o, m, report, part, source.spec(), evalSeed, same, whole);
        }
        o.flush();
        return 0;
    }

    /** A dataset the recorded command asks for that cannot be made, said with the folder that asked for it. */
    private IllegalArgumentException recordedAsksTooMuch(Exception e) {
        return new IllegalArgumentException(folder + ": the train command it records asks for a dataset that "
                + "cannot be made: " + BottleneckCli.messageOf(e), e);
    }

    /** Refuses an IWAE estimate whose work buffers (K log-weights at the least) would not fit in memory. */
    private void checkIwae(MemoryBudget budget, SavedModel m) {
        if (iwaeK == 0 || !(m.model() instanceof LatentVariableModel)) {
            return;
        }
        ModelConfig config = m.model().config();
        long bytes = ImportanceWeightedBound.workBytes(iwaeK, iwaeExamples, config.inputDim(), config.latentDim(),
                NetworkSize.activationsPerExample(config));
        budget.check(String.format(Locale.ROOT, "the IWAE estimate with K = %,d samples", iwaeK), List.of(
                new MemoryBudget.Part("its log-weights and work buffers", bytes, MemoryBudget.Knob.IWAE_SAMPLES)),
                Map.of(MemoryBudget.Knob.IWAE_SAMPLES, "--iwae"));
    }

    /**
     * The data flags of the train command recorded in the folder, parsed by {@code train}'s own options. A folder
     * without a readable command (one saved by the app) falls back to its dataset name with the default flags, and
     * says so; the fingerprint check then tells whether that was right.
     */
    static DataOptions recordedData(SavedModel m, Path folder, PrintWriter err) throws ModelFormatException {
        String command = m.command();
        String problem;
        if (command == null || command.isBlank()) {
            problem = "records no train command";
        } else {
            try {
                List<String> words = CommandText.split(command);
                int verb = words.indexOf("train");
                if (verb < 0) {
                    throw new IllegalArgumentException("no 'train' verb in it");
                }
                return withTypedSplit(parseTrainFlags(words.subList(verb + 1, words.size())), m.dataset());
            } catch (IllegalArgumentException | CommandLine.ParameterException e) {
                problem = "has a train command that cannot be read (" + BottleneckCli.messageOf(e) + ")";
            }
        }
        DatasetInfo info = m.dataset();
        if (info == null || info.spec() == null) {
            throw new ModelFormatException(folder.resolve(ModelStore.MODEL_FILE), problem + " and no dataset, so the "
                    + "split it was trained on cannot be rebuilt");
        }
        err.println("warning: " + folder + " " + problem + "; rebuilding the split of " + info.spec()
                + " with the default data flags");
        err.flush();
        return withTypedSplit(parseTrainFlags(List.of("--dataset", info.spec())), info);
    }

    /** The recorded split's typed settings, where the folder has them, over what the command line says. */
    private static DataOptions withTypedSplit(DataOptions data, DatasetInfo info) {
        if (info != null && info.split() != null) {
            data.trainSize = info.split().trainLimit();
            data.valFraction = info.split().validationFraction();
        }
        return data;
    }

    /** {@code train}'s data options from its arguments (after the verb); flags this version lacks are skipped. */
    static DataOptions parseTrainFlags(List<String> args) {
        TrainCommand train = new TrainCommand();
        CommandLine cl = new CommandLine(train);
        cl.setUnmatchedArgumentsAllowed(true);
        cl.parseArgs(args.toArray(String[]::new));
        return train.data;
    }

    private void printTable(PrintWriter o, SavedModel m, EvaluationReport r, Part part, String spec, long evalSeed,
            Boolean same, boolean whole) {
        o.printf(Locale.ROOT, "Model    %s: %s, latent %d, %s, seed %d%n", folder, r.kind().label(),
                m.model().latentDim(), trainedFor(m), m.seed());
        o.printf(Locale.ROOT, "Data     %s, %s split: %d examples%s%n", spec, part.label, r.examples(),
                whole ? "" : " (spread over it, --examples)");
        o.printf(Locale.ROOT, "         %s,%n         %s%n", part.meaning(), same == null
                ? "rebuilt from the recorded command; no fingerprint was recorded to check its examples"
                : same ? "rebuilt with the same examples as at training (the split's fingerprint matches)"
                : "but NOT the same examples as at training: the data changed (see the warning)");
        o.printf(Locale.ROOT, "Seed     %d%s%n", evalSeed, evalSeed == m.seed() ? "" : " (not the model's: the "
                + "sampled terms differ from those saved at training)");
        o.println();
        o.printf(Locale.ROOT, "%-16s %14s  %-18s %14s%n", "metric", "value", "unit", "at training");
        Map<String, Object> values = r.toMap();
        String[][] rows = {
            {"reconstruction", "reconstruction", "nats per example"},
            {"kl", "KL", "nats per example"},
            {"negElbo", "-ELBO", "nats per example"},
            {"iwaeNll", "IWAE -log p(x)", "nats per example"},
            {"iwaeStdErr", "  std. error", "nats per example"},
            {"bitsPerDim", "bits per dim", "bits per feature"},
            {"msePerPixel", "MSE", "per pixel"},
        };
        for (String[] row : rows) {
            Object v = values.get(row[0]);
            if (v == null) {
                continue;
            }
            // Saved at training over the whole part: beside a figure over its first examples it would mislead.
            Double saved = whole ? m.metrics().get(part.metricPrefix + "." + row[0]) : null;
            // MSE as train's test line prints it: the same number reads the same in both.
            boolean mse = row[0].equals("msePerPixel");
            o.printf(Locale.ROOT, "%-16s %14s  %-18s %14s%n", row[1], mse ? TrainCommand.mse((Double) v) : number(v),
                    row[2], saved == null ? "" : mse ? TrainCommand.mse(saved) : number(saved));
        }
        if (r.iwaeSamples() > 0) {
            o.printf(Locale.ROOT, "  (IWAE with K = %d on the first %d examples)%n", r.iwaeSamples(),
                    r.iwaeExamples());
        }
        if (r.activeUnits().isPresent()) {
            o.printf(Locale.ROOT, "%-16s %14s  of %d latent dimensions (Cov_x E[z|x] > 0.01)%n", "active units",
                    r.activeUnits().getAsInt(), m.model().latentDim());
        }
        if (r.klPerDim() != null) {
            StringBuilder sb = new StringBuilder();
            for (double k : r.klPerDim()) {
                sb.append(String.format(Locale.ROOT, " %.2f", k));
            }
            o.printf(Locale.ROOT, "%-16s%s  (nats)%n", "KL per dim", sb);
        }
        if (r.mig().isPresent()) {
            MigResult mig = r.mig().get();
            o.printf(Locale.ROOT, "%-16s %14s  mean of the factors' gaps (Chen et al. 2018; 0 = entangled, 1 = "
                    + "one latent per factor)%n", "MIG", number(finite(mig.mig())));
            for (int f = 0; f < mig.factorNames().size(); f++) {
                // "factor 't'", not a bare "t": a one-letter factor name read like a unit or a typo.
                o.printf(Locale.ROOT, "  %-14s %14s  gap: its best latent's share of its information minus the "
                        + "second best's%n", "factor '" + mig.factorNames().get(f) + "'", number(finite(mig.gap()[f])));
            }
        }
    }

    /** How the model was trained, in words: "1 epoch", "10 epochs", or PCA's closed form (which has no epochs). */
    static String trainedFor(SavedModel m) {
        if (m.model().config().kind().closedForm()) {
            return "fitted in closed form (no epochs)";
        }
        return m.epochsDone() == 1 ? "1 epoch" : m.epochsDone() + " epochs";
    }

    private static String number(Object v) {
        if (v instanceof Double d) {
            double a = Math.abs(d);
            return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.4e", d)
                    : String.format(Locale.ROOT, "%.4f", d);
        }
        return v == null ? "-" : v.toString();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

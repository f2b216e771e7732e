package dev.bottleneck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.train.LatentSizeSweep;
import dev.bottleneck.core.train.ParameterSweep;
import dev.bottleneck.core.train.TrainingConfig;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.SweepAxis;
import dev.bottleneck.core.model.VaeConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: one model per value of a knob, each measured on the validation split, as a table or one JSON object.
 * {@code --over latent} (the default) is the nonlinear-PCA lesson ({@link LatentSizeSweep}): PCA against a plain AE
 * at each latent size. {@code --over beta} and {@code --over capacity} are the trade-off of Higgins et al. 2017
 * ({@link ParameterSweep}): MIG, reconstruction error, KL and active units of a beta-VAE (or beta-TCVAE) at each beta,
 * or of a beta-VAE at each C_max of Burgess et al.'s capacity objective.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train one model per value of a knob and print what each measures on the validation split.",
                "--over latent (default): fit PCA and train a plain AE at each latent size and print their "
                        + "validation MSE per pixel: nonlinear PCA as one plot. An AE should reconstruct better than "
                        + "PCA at equal latent size; PCA reaches 0 when it keeps every dimension.",
                "--over beta | capacity: train a beta-VAE (or beta-TCVAE) at each beta, or a beta-VAE at each C_max, "
                        + "with the same seed, nets and data, and print MIG, reconstruction error, KL and active "
                        + "units: the trade-off of Higgins et al. 2017 as one table. MIG needs ground-truth factors "
                        + "(the shapes and dSprites sets have them, and the toy sets but blobs); on other data, MNIST "
                        + "or your own, its column stays blank."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--over", defaultValue = "latent", paramLabel = "AXIS",
            description = "what to sweep: latent (PCA against an AE at each latent size), beta (the KL weight; the "
                    + "total correlation's weight for beta-tcvae) or capacity (C_max of the capacity objective) "
                    + "(default: ${DEFAULT-VALUE})")
    String over;

    @Option(names = "--values", split = ",", paramLabel = "V,V", hideParamSyntax = true,
            description = "the values, comma-separated, swept in this order (default: 1,2,4,8,16 for beta; "
                    + "0,5,10,20 nats for capacity; the --sizes for latent)")
    List<Double> values;

    @Option(names = "--sizes", split = ",", paramLabel = "K,K", hideParamSyntax = true,
            description = "--over latent: latent sizes, comma-separated, swept in this order (default: 1,2,4,8,16,32)")
    List<Integer> sizes;

    @Option(names = "--model", paramLabel = "KIND",
            description = "--over beta: beta-vae, conv-beta-vae, beta-tcvae or conv-beta-tcvae; --over capacity: "
                    + "beta-vae or conv-beta-vae (default: beta-vae)")
    String model;

    @Option(names = "--latent", paramLabel = "K", description = "--over beta or capacity: latent size, 1..256 "
            + "(default: 10)")
    Integer latent;

    @Option(names = "--conv", split = ",", paramLabel = "C,C", hideParamSyntax = true,
            description = "conv kinds: output channels of each 4x4 stride-2 convolution (default: the image's)")
    List<Integer> conv;

    @Option(names = "--conv-dense", split = ",", paramLabel = "N,N", hideParamSyntax = true,
            description = "conv kinds: dense layer sizes between the convolutions and the code (default: the image's)")
    List<Integer> convDense;

    @Option(names = "--capacity-gamma", paramLabel = "GAMMA",
            description = "--over capacity: gamma of the objective recon + gamma |KL - C| (default: 1000)")
    Double capacityGamma;

    @Option(names = "--capacity-epochs", paramLabel = "EPOCHS",
            description = "--over capacity: epochs over which C rises from 0 to C_max (default: --epochs, so C "
                    + "reaches C_max in the last epoch)")
    Double capacityEpochs;

    @Option(names = "--mig-examples", defaultValue = "10000", paramLabel = "N",
            description = "--over beta or capacity: MIG on at most N validation examples spread over the split; "
                    + "reconstruction, KL and active units use them all (default: ${DEFAULT-VALUE})")
    int migExamples;

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", hideParamSyntax = true,
            defaultValue = "256,128", description = "encoder hidden sizes of the AE or VAE, comma-separated; the decoder mirrors them (default: "
                    + "${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = "training epochs per point (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "examples per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--likelihood", defaultValue = "auto", paramLabel = "KIND",
            description = "bernoulli, gaussian, or auto: bernoulli for data in [0,1], else gaussian "
                    + "(default: ${DEFAULT-VALUE})")
    String likelihood;

    @Option(names = "--sigma", defaultValue = "0.1", paramLabel = "SIGMA",
            description = "the fixed sigma of the Gaussian likelihood (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "seed of the split, every model and the measurement (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "BLAS threads (default: 1, or the bottleneck.threads property)")
    Integer threads;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SweepAxis axis = SweepAxis.fromCliName(over).orElseThrow(() -> new IllegalArgumentException(
                "--over must be latent, beta or capacity, not '" + over + "'"));
        return axis == SweepAxis.LATENT ? latentSweep() : tradeOffSweep(axis);
    }

    /** The nonlinear-PCA lesson: PCA and an AE at each latent size, as before there were other axes. */
    private int latentSweep() throws Exception {
        for (var flag : new Object[][] {{"--model", model}, {"--latent", latent}, {"--conv", conv},
            {"--conv-dense", convDense}, {"--capacity-gamma", capacityGamma}, {"--capacity-epochs", capacityEpochs}}) {
            if (flag[1] != null) {
                throw new IllegalArgumentException(flag[0] + " is for --over beta or capacity; the latent-size "
                        + "sweep always compares PCA with a plain MLP AE at each of --sizes");
            }
        }
        if (values != null && sizes != null) {
            throw new IllegalArgumentException("give the latent sizes once: --sizes or --values, not both");
        }
        if (values != null) {
            sizes = new ArrayList<>();
            for (double v : values) {
                SweepAxis.LATENT.check(ModelKind.AE, v);
                sizes.add((int) v);
            }
        }
        if (sizes == null) {
            sizes = LatentSizeSweep.DEFAULT_SIZES;
        }
        PrintWriter o = spec.commandLine().getOut();
        boolean auto = likelihood.trim().equalsIgnoreCase("auto");
        Likelihood chosen = auto ? null : ModelOptions.parseEnum(Likelihood.class, likelihood, "--likelihood");
        // Refuse bad numbers before loading data (MNIST takes a moment; a typo should not).
        LatentSizeSweep.Settings settings = new LatentSizeSweep.Settings(sizes, hidden, epochs, batchSize, lr,
                chosen, sigma, seed);
        BottleneckCli.checkThreads(threads);
        Blas.init(threads != null ? threads : Blas.defaultThreads());
        DatasetCatalog.Source source = data.open(seed);
        DataSplit split = data.split(source, seed);
        if (auto) {
            settings = settings.withLikelihood(source.inUnitRange() ? Likelihood.BERNOULLI : Likelihood.GAUSSIAN,
                    sigma);
        } else {
            TrainCommand.checkLikelihood(AutoencoderConfig.plain(split.train().features(), hidden, 1)
                    .withLikelihood(settings.likelihood(), sigma), source);
        }
        if (!json) {
            o.printf(Locale.ROOT, "%s%n  train %d, validation %d; AE %s, %s, %d epochs, batch %d, lr %s%n",
                    source.summary(), split.train().size(), split.validation().size(), hidden,
                    settings.likelihood().name().toLowerCase(Locale.ROOT), epochs, batchSize, lr);
            o.printf(Locale.ROOT, "Validation MSE per pixel%n%6s | %10s | %10s%n", "latent", "PCA", "AE");
            o.flush();
        }
        Map<Integer, Double> pcaSoFar = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        LatentSizeSweep.Result r = LatentSizeSweep.run(split, settings, p -> {
            if (p.isPca()) {
                pcaSoFar.put(p.latent(), p.msePerPixel());
            } else if (!json) {
                o.println(row(p.latent(), pcaSoFar.get(p.latent()), p.msePerPixel()));
                o.flush();
            }
        }, () -> Thread.currentThread().isInterrupted());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", source.spec());
            m.put("train", split.train().size());
            m.put("validation", split.validation().size());
            m.put("hidden", hidden);
            m.put("epochs", epochs);
            m.put("batchSize", batchSize);
            m.put("learningRate", lr);
            m.put("likelihood", settings.likelihood().name().toLowerCase(Locale.ROOT));
            m.put("seed", seed);
            m.put("metric", "validation MSE per pixel");
            m.put("sizes", settings.sizes());
            m.put("pca", values(r.pca()));
            m.put("ae", values(r.ae()));
            m.put("seconds", seconds);
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            o.printf(Locale.ROOT, "%.1f s%n", seconds);
        }
        o.flush();
        return r.cancelled() ? 1 : 0;
    }

    /** beta or C_max: one beta-VAE (or beta-TCVAE) per value, MIG, reconstruction, KL and active units of each. */
    private int tradeOffSweep(SweepAxis axis) throws Exception {
        if (sizes != null) {
            throw new IllegalArgumentException("--sizes gives the latent sizes of --over latent; give the "
                    + axis.symbol() + " values with --values");
        }
        ModelKind kind = model == null ? ModelKind.BETA_VAE : ModelKind.fromCliName(model).orElseThrow(
                () -> new IllegalArgumentException("--model must be one of " + String.join(", ", axis.kinds())
                        + ", not '" + model + "'"));
        List<Double> vs = values != null ? values : axis == SweepAxis.BETA ? List.of(1.0, 2.0, 4.0, 8.0, 16.0)
                : List.of(0.0, 5.0, 10.0, 20.0);
        if (axis != SweepAxis.CAPACITY && (capacityGamma != null || capacityEpochs != null)) {
            throw new IllegalArgumentException((capacityGamma != null ? "--capacity-gamma" : "--capacity-epochs")
                    + " is for --over capacity; a beta sweep trains without the capacity objective");
        }
        if (!kind.needsImages() && (conv != null || convDense != null)) {
            throw new IllegalArgumentException((conv != null ? "--conv" : "--conv-dense") + " is for the conv "
                    + "kinds; --model " + kind.cliName() + " has MLP nets (--hidden)");
        }
        for (double v : vs) {
            named("--values", () -> axis.check(kind, v));
        }
        int k = latent != null ? latent : 10;
        named("--latent", () -> ModelConfig.checkLatent(k));
        if (migExamples < 1) {
            throw new IllegalArgumentException("--mig-examples must be at least 1, not " + migExamples);
        }
        boolean auto = likelihood.trim().equalsIgnoreCase("auto");
        Likelihood chosen = auto ? Likelihood.BERNOULLI
                : ModelOptions.parseEnum(Likelihood.class, likelihood, "--likelihood");
        double gamma = capacityGamma != null ? capacityGamma : 1000;
        double cEpochs = capacityEpochs != null ? capacityEpochs : epochs;
        if (!(gamma > 0 && gamma <= VaeConfig.MAX_CAPACITY_GAMMA)) {
            throw new IllegalArgumentException("--capacity-gamma must lie in (0, "
                    + ModelConfig.num(VaeConfig.MAX_CAPACITY_GAMMA) + "], not " + gamma);
        }
        if (!(cEpochs >= 0) || Double.isInfinite(cEpochs)) {
            throw new IllegalArgumentException("--capacity-epochs must be a finite number >= 0, not " + cEpochs);
        }
        ModelSettings first = ModelSettings.DEFAULTS.withLatent(k).withHidden(hidden).withLikelihood(chosen, sigma)
                .withCapacity(0, gamma, cEpochs);
        TrainingConfig training = TrainingConfig.defaults(epochs, seed).withBatchSize(batchSize).withLearningRate(lr);
        // Refuse bad numbers before loading data: every value against the kind's range, gamma, epochs.
        named("--values", () -> ParameterSweep.Settings.of(axis, vs, ParameterSweep.Series.of(kind, first),
                training));
        ModelSettings base = first;
        BottleneckCli.checkThreads(threads);
        Blas.init(threads != null ? threads : Blas.defaultThreads());
        DatasetCatalog.Source source = data.open(seed);
        DataSplit split = data.split(source, seed);
        Shape input = Shape.of(split.train().shape());
        if (auto && !source.inUnitRange()) {
            base = base.withLikelihood(Likelihood.GAUSSIAN, sigma);
        }
        if (conv != null || convDense != null) {
            if (input.isFlat()) {
                throw new IllegalArgumentException(kind.cliName() + " needs image data; " + source.spec()
                        + " holds vectors");
            }
            ConvSpec d = ConvSpec.defaultFor(input);
            ModelSettings b = base;
            base = named("--conv", () -> b.withConv(new ConvSpec(conv != null ? conv : d.channels(), d.kernel(),
                    d.stride(), d.padding(), convDense != null ? convDense : d.dense())));
        }
        ParameterSweep.Series series = ParameterSweep.Series.of(kind, base);
        ParameterSweep.Settings settings = new ParameterSweep.Settings(axis, vs, List.of(series), training,
                migExamples);
        String described = ParameterSweep.describe(series, input, axis, vs);
        TrainCommand.checkLikelihood(kind.configure(input, axis.apply(kind, base, vs.get(0))), source);
        PrintWriter o = spec.commandLine().getOut();
        int nVal = split.validation().size();
        int nMig = split.validation().factors().isPresent() ? Math.min(migExamples, nVal) : 0;
        if (!json) {
            o.printf(Locale.ROOT, "%s%n  train %d, validation %d; %s%n  %d %s per point, batch %d, lr %s, "
                    + "seed %d%n", source.summary(), split.train().size(), nVal, described, epochs,
                    epochs == 1 ? "epoch" : "epochs", batchSize, lr, seed);
            o.printf(Locale.ROOT, "  on the validation split: reconstruction, KL and active units on all %,d "
                    + "examples; %s%n", nVal, nMig > 0 ? String.format(Locale.ROOT, "MIG on %s", nMig == nVal
                    ? "all of them" : String.format(Locale.ROOT, "%,d spread over them", nMig))
                    : "no MIG: " + ParameterSweep.noFactors(split.validation().name()));
            if (axis == SweepAxis.CAPACITY && vs.contains(0.0)) {
                o.printf(Locale.ROOT, "  C_max = 0 is recon + %s KL, the beta-VAE with beta = gamma%n",
                        ModelConfig.num(gamma));
            }
            o.println(tradeOffHeader(axis));
            o.flush();
        }
        long t0 = System.nanoTime();
        ParameterSweep.Result r = ParameterSweep.run(split, settings, p -> {
            if (!json) {
                o.println(tradeOffRow(p, k));
                o.flush();
            }
        }, () -> Thread.currentThread().isInterrupted());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", source.spec());
            m.put("train", split.train().size());
            m.put("validation", nVal);
            m.put("over", axis.cliName());
            m.put("model", kind.cliName());
            m.put("describe", described);
            m.put("latent", k);
            m.put("epochs", epochs);
            m.put("batchSize", batchSize);
            m.put("learningRate", lr);
            m.put("seed", seed);
            m.put("values", vs);
            m.put("examples", r.examples());
            m.put("migExamples", r.migExamples());
            m.put("migNote", r.migNote());
            List<Map<String, Object>> pts = new ArrayList<>();
            for (SweepPoint p : r.points()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("value", p.value());
                q.put("mig", finite(p.mig()));
                q.put("reconstruction", finite(p.reconstruction()));
                q.put("msePerPixel", finite(p.msePerPixel()));
                q.put("kl", finite(p.kl()));
                q.put("activeUnits", p.diverged() ? null : p.activeUnits());
                q.put("diverged", p.divergence());
                pts.add(q);
            }
            m.put("points", pts);
            m.put("cancelled", r.cancelled());
            m.put("seconds", seconds);
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            o.printf(Locale.ROOT, "%.1f s%n", seconds);
        }
        o.flush();
        return r.cancelled() ? 1 : 0;
    }

    /** The table's header: the knob, then MIG, reconstruction (nats and per pixel), KL, active units. */
    static String tradeOffHeader(SweepAxis axis) {
        return String.format(Locale.ROOT, "%6s | %6s | %13s | %9s | %10s | %6s", axis.symbol(), "MIG",
                "recon nats/ex", "MSE/pixel", "KL nats/ex", "active");
    }

    /** One value's row; a diverged point says so instead of numbers, a point without MIG leaves its column blank. */
    static String tradeOffRow(SweepPoint p, int latent) {
        String v = p.axis().format(p.value());
        if (p.diverged()) {
            return String.format(Locale.ROOT, "%6s | diverged: %s", v, p.divergence());
        }
        return String.format(Locale.ROOT, "%6s | %6s | %13.3f | %9.6f | %10.3f | %6s", v,
                p.hasMig() ? String.format(Locale.ROOT, "%.3f", p.mig()) : "", p.reconstruction(), p.msePerPixel(),
                p.kl(), p.activeUnits() < 0 ? "" : p.activeUnits() + "/" + latent);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void named(String flag, Runnable check) {
        named(flag, () -> {
            check.run();
            return null;
        });
    }

    private static <T> T named(String flag, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    static String row(int latent, Double pca, double ae) {
        return String.format(Locale.ROOT, "%6d | %10.6f | %10.6f", latent, pca == null ? Double.NaN : pca, ae);
    }

    private static List<Double> values(List<SweepPoint> points) {
        List<Double> v = new ArrayList<>();
        for (SweepPoint p : points) {
            v.add(p.msePerPixel());
        }
        return v;
    }
}

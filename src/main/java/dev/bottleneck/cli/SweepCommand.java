package dev.bottleneck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.train.LatentSizeSweep;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.Likelihood;
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
 * {@code sweep}: validation reconstruction error against latent size for PCA and a plain AE
 * ({@link LatentSizeSweep}), as a table or one JSON object.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Fit PCA and train a plain AE at each latent size and print their validation MSE per pixel: "
                + "nonlinear PCA as one plot.",
                "An AE should reconstruct better than PCA at equal latent size; PCA reaches 0 when it keeps every "
                        + "dimension."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--sizes", split = ",", paramLabel = "K,K", hideParamSyntax = true,
            defaultValue = "1,2,4,8,16,32", description = "latent sizes, comma-separated, swept in this order (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", hideParamSyntax = true,
            defaultValue = "256,128", description = "the AE's encoder hidden sizes, comma-separated; the decoder mirrors them (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N", description = "AE epochs per size (default: ${DEFAULT-VALUE})")
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
            description = "seed of the split, every AE and the measurement (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "BLAS threads (default: 1, or the bottleneck.threads property)")
    Integer threads;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
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

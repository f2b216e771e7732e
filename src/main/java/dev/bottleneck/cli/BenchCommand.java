package dev.bottleneck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.train.Optimizer;
import dev.bottleneck.core.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: training throughput, single-vector decode latency and test-set encode time, measured the way the
 * PyTorch reference measures them (data in memory; shuffle and gather inside the timed loop).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = "Measure training samples/s, decode latency of one latent vector and encode time of the test set.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "examples per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--steps", defaultValue = "469", paramLabel = "N",
            description = "timed training steps (default: ${DEFAULT-VALUE}, one MNIST epoch)")
    int steps;

    @Option(names = "--warmup", defaultValue = "100", paramLabel = "N",
            description = "untimed steps first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--decode-calls", defaultValue = "2000", paramLabel = "N",
            description = "single-vector decodes timed (default: ${DEFAULT-VALUE})")
    int decodeCalls;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N", description = "repeats of the encode timing of the whole test set, after one untimed; the median is kept "
                    + "(default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "seed of the split, the weights and the batch order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "BLAS threads (default: 1, or the bottleneck.threads property)")
    Integer threads;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        modelOptions.validate();
        BottleneckCli.checkThreads(threads);
        Blas.init(threads != null ? threads : Blas.defaultThreads());
        DatasetCatalog.Source source = data.open(seed);
        DataSplit split = data.split(source, seed);
        Dataset train = split.train();
        Dataset test = split.test() != null ? split.test() : split.validation();
        ModelConfig config = modelOptions.toConfig(Shape.of(train.shape()), source.inUnitRange());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", config.kind().label());
        r.put("config", ModelOptions.describe(config));
        r.put("dataset", source.spec());
        r.put("batchSize", batchSize);
        r.put("threads", Blas.threads());
        r.put("java", System.getProperty("java.version"));
        r.put("cpu", Runtime.getRuntime().availableProcessors() + " cores");
        Autoencoder model;
        if (config.kind().closedForm()) {
            Pca pca = (Pca) config.build(seed);
            float[] x = train.toFloatArray();
            double[] times = new double[Math.max(1, repeats)];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                pca.fit(x, train.size());
                times[i] = (System.nanoTime() - t0) / 1e9;
            }
            r.put("pcaFitSeconds", median(times));
            r.put("pcaFitExamples", train.size());
            model = pca;
        } else {
            GradientModel gm = (GradientModel) config.build(seed);
            double[] rates = trainThroughput(gm, train, TrainCommand.noiseOf(config, split));
            r.put("trainSamplesPerSecond", rates[0]);
            if (rates[1] > 0) {
                r.put("trainSamplesPerCpuSecond", rates[1]);
            }
            model = gm;
        }
        r.put("decodeOneMicros", decodeOneMicros(model));
        r.put("encodeTestMillis", encodeMillis(model, test));
        r.put("encodeExamples", test.size());
        if (json) {
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } else {
            r.forEach((k, v) -> o.printf(Locale.ROOT, "%-22s %s%n", k,
                    v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v));
        }
        o.flush();
        return 0;
    }

    /**
     * Steps per second times batch size, over {@code steps} steps after {@code warmup} untimed ones: {wall clock,
     * the training thread's CPU time}. The second (0 where the JVM cannot measure it) is what a shared machine's
     * other load does not change much: with one BLAS thread the products run on this thread, so its CPU time is the
     * step's work, where the wall clock also counts the time other processes held the cores.
     */
    private double[] trainThroughput(GradientModel model, Dataset train, dev.bottleneck.core.train.InputNoise noise) {
        Optimizer opt = Optimizer.of(TrainingConfig.defaults(1, seed).withLearningRate(lr));
        SplittableRandom rng = new SplittableRandom(seed);
        int d = train.features();
        float[] clean = new float[batchSize * d];
        float[] noisy = noise == null ? null : new float[clean.length];
        int[] order = Splits.permutation(train.size(), rng);
        int pos = 0;
        long start = 0;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpuTimed = cpu.isCurrentThreadCpuTimeSupported();
        long cpuStart = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                start = System.nanoTime();
                cpuStart = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
            }
            if (pos + batchSize > order.length) {
                order = Splits.permutation(train.size(), rng);
                pos = 0;
            }
            train.copyBatch(order, pos, batchSize, clean);
            pos += batchSize;
            float[] in = clean;
            if (noise != null) {
                System.arraycopy(clean, 0, noisy, 0, clean.length);
                noise.corrupt(noisy, clean.length, rng);
                in = noisy;
            }
            model.computeGradients(in, clean, batchSize, 1.0, rng);
            opt.step(model.optimizedParameters());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpuTimed ? (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9 : 0;
        return new double[] {(double) steps * batchSize / seconds,
            cpuSeconds > 0 ? (double) steps * batchSize / cpuSeconds : 0};
    }

    private double decodeOneMicros(Autoencoder model) {
        float[] z = new float[model.latentDim()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            model.decode(z, 1);
        }
        double[] t = new double[decodeCalls];
        for (int i = 0; i < decodeCalls; i++) {
            for (int j = 0; j < z.length; j++) {
                z[j] = (float) rng.nextGaussian();
            }
            long t0 = System.nanoTime();
            model.decode(z, 1);
            t[i] = (System.nanoTime() - t0) / 1e3;
        }
        return median(t);
    }

    private double encodeMillis(Autoencoder model, Dataset test) {
        float[] x = test.toFloatArray();
        model.encode(x, test.size()); // warm-up: the JIT and the native buffers sized for the whole set
        double[] t = new double[Math.max(1, repeats)];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            model.encode(x, test.size());
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(t);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}

package dev.bottleneck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.Evaluation;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.ShippedModels;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.VaeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model in {@code models/} loads, stays under 5 MB, records the command that made it, and {@code eval}
 * reproduces the validation figures recorded when it was trained, to a tolerance that float arithmetic keeps on any
 * CPU (see {@link #relativeTolerance}) and that still catches a wrong model.
 */
class ShippedModelsTest {

    /** Unit roundoff of float32: 2^-24. */
    static final double U = 0x1p-24;
    /**
     * How many "standard deviations" of rounding error a dot product may move by. Higham and Mary (2019, "A new
     * approach to probabilistic rounding error analysis") bound a length-n dot product's error by
     * {@code lambda * sqrt(n) * u * sum|a_i b_i|} with probability at least {@code 1 - 2 exp(-lambda^2 / 2)}: for
     * lambda 6 that is 1 - 3e-8 per dot product.
     */
    static final double LAMBDA = 6;

    static List<Path> shipped() {
        List<Path> models = ShippedModels.list();
        assertFalse(models.isEmpty(), "no shipped models found in " + ShippedModels.directory());
        return models;
    }

    /**
     * The relative tolerance between the figures recorded on one CPU and those computed on another, for a metric
     * averaged over {@code examples} examples.
     *
     * <p>The metrics are double-precision means of functions of the network's float32 outputs; what changes between
     * OpenBLAS kernels (Haswell, SkylakeX, Prescott, ARM) and thread counts is only the order of the sums inside each
     * {@code sgemm} dot product. A layer with fan-in {@code n} then moves each output by at most
     * {@code LAMBDA sqrt(n) u} relative to its absolute sum (probabilistic bound, above), on each of the two machines
     * compared, hence the factor 2; to first order the layers' errors add up through the network, so one example's
     * loss moves by at most {@code 2 LAMBDA u sum_layers sqrt(fanIn)} relative (5.0e-5 for the 784-256-128-2 VAE).
     * The rounding errors of different examples' dot products are independent and centred, so their mean over
     * {@code N} examples moves by a {@code sqrt(N)} smaller fraction: 6.5e-7 for the 6,000 MNIST validation images.
     * (The errors of one example's 784 outputs are independent too; not crediting that is the margin.) The figures
     * measured here moved by at most 1e-8 between the Haswell, SkylakeX and Prescott kernels; a wrong model, a
     * different evaluation noise seed ({@link #aWrongModelOrNoiseFallsOutsideTheTolerance}) or a mean that divides by
     * {@code N - 1} (1.7e-4) move them by far more.
     */
    static double relativeTolerance(Autoencoder model, int examples) {
        double sqrtFanIns = 0;
        List<Parameter> params = model.parameters();
        if (params.isEmpty()) {
            // PCA: encode is a 784 x k product, decode a k x 784 one.
            sqrtFanIns = Math.sqrt(model.inputDim()) + Math.sqrt(model.latentDim());
        }
        for (Parameter p : params) {
            if (p.name().endsWith("weight")) {
                sqrtFanIns += Math.sqrt(p.value().rows);   // weights are fanIn x fanOut
            }
        }
        return 2 * LAMBDA * U * sqrtFanIns / Math.sqrt(examples);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void loadsAndIsSmall(Path folder) throws IOException {
        SavedModel m = new ModelStore().load(folder);
        long bytes;
        try (Stream<Path> files = Files.list(folder)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes <= 5L * 1024 * 1024, folder + " takes " + bytes + " bytes");
        assertTrue(m.command() != null && m.command().startsWith("java -jar target/bottleneck.jar train"),
                m.command());
        assertTrue(m.command().contains("--out models/" + folder.getFileName()), m.command());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void evalReproducesTheRecordedValidationFigures(Path folder) throws IOException {
        SavedModel saved = new ModelStore().load(folder);
        Map<String, Double> recorded = saved.metrics();
        double tolerance = relativeTolerance(saved.model(), saved.dataset().validationSize());
        assertTrue(tolerance < 1e-5, "a tolerance of " + tolerance + " would hide a wrong mean");
        CliRun run = CliRun.of("eval", "--model", folder.toString(), "--split", "validation", "--iwae", "0", "--json");
        assertEquals(0, run.exit(), run.toString());
        JsonNode json = run.json();
        assertTrue(json.get("splitAsTrained").asBoolean(), "the split was rebuilt as trained: " + run);
        int compared = 0;
        for (String key : List.of("reconstruction", "kl", "negElbo", "msePerPixel")) {
            Double want = recorded.get("val." + key);
            if (want != null && json.hasNonNull(key)) {
                assertEquals(want, json.get(key).asDouble(), tolerance * Math.abs(want), key);
                compared++;
            }
        }
        assertTrue(compared >= 1, "nothing to compare in " + recorded);
    }

    /**
     * The tolerance is tight enough to matter: multiplying every weight by {@code 1 + 0.01 e}, e uniform in [-1, 1]
     * (a model trained differently, or parameters damaged in their third digit), moves the validation loss outside
     * it; so does evaluating a VAE with another noise seed than the one recorded.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void aWrongModelOrNoiseFallsOutsideTheTolerance(Path folder) throws IOException {
        SavedModel saved = new ModelStore().load(folder);
        Autoencoder model = saved.model();
        DataOptions data = EvalCommand.recordedData(saved, folder, new PrintWriter(new StringWriter()));
        Dataset validation = data.split(data.open(saved.seed()), saved.seed()).validation();
        double tolerance = relativeTolerance(model, validation.size());
        double loss = Evaluation.meanTerms(model, validation, saved.seed()).loss();
        if (model.config() instanceof VaeConfig) {
            double otherNoise = Evaluation.meanTerms(model, validation, saved.seed() + 1).loss();
            assertTrue(relative(otherNoise, loss) > tolerance, folder.getFileName() + ": another noise seed moved"
                    + " the loss by " + relative(otherNoise, loss) + ", inside the tolerance " + tolerance);
        }
        if (model.parameters().isEmpty()) {
            return;   // PCA: fitted in closed form; its parameters' checksum is verified at load
        }
        Autoencoder perturbed = model.copy();
        SplittableRandom random = new SplittableRandom(7);
        for (Parameter p : perturbed.parameters()) {
            float[] w = p.value().data;
            for (int i = 0; i < w.length; i++) {
                w[i] *= (float) (1 + 0.01 * (2 * random.nextDouble() - 1));
            }
            p.value().changed();
        }
        double moved = relative(Evaluation.meanTerms(perturbed, validation, saved.seed()).loss(), loss);
        assertTrue(moved > tolerance, folder.getFileName() + ": a 1 % perturbation moved the loss by " + moved
                + ", inside the tolerance " + tolerance);
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }
}

package dev.bottleneck.core.train;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.SweepAxis;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * "Nonlinear PCA as one plot": validation reconstruction error against latent size, for PCA and a plain autoencoder.
 *
 * <p>The lesson. PCA keeps the k directions of largest variance and decodes linearly; it is the best <em>linear</em>
 * k-dimensional code, and its error falls monotonically in k, to exactly 0 at k = d (all directions kept). An
 * autoencoder with nonlinear hidden layers is a nonlinear PCA (Kramer 1991; Hinton &amp; Salakhutdinov 2006): with a
 * linear encoder and decoder and squared error it would find PCA's subspace (Baldi &amp; Hornik 1989), and with
 * nonlinear ones it can bend its code along a curved data manifold, so at equal latent size it should reconstruct
 * better, most clearly at small k. Its curve is not guaranteed monotone: each point is a separate, briefly trained
 * network, and at large k PCA (an exact solution) may overtake an AE that has not converged.
 *
 * <p>For each latent size k, in the given order: fit PCA with k components on the training split, measure its
 * validation MSE per pixel, then train {@code AutoencoderConfig.plain(d, hidden, k)} (same seed for every k, so sizes
 * differ only by k) and measure it the same way ({@link dev.bottleneck.core.eval.ReconstructionMetrics#measure}, deterministic: the AE decodes
 * its code, Bernoulli decoders are scored by their probabilities). Each finished point goes to the listener at once,
 * on the calling thread. {@code cancelled} is checked between points and every training batch; a cancelled sweep
 * returns the points finished so far.
 *
 * <p>It is the {@link ParameterSweep} over {@link SweepAxis#LATENT} with two series, so its points also carry what
 * that sweep measures (nats, KL, MIG on data with factors); this class keeps the lesson's settings and its result
 * split by model. Runs on the calling thread and is not thread-safe; it builds its own models.
 */
public final class LatentSizeSweep {

    /** Powers of two from 1 to 32: the lecture's x axis. */
    public static final List<Integer> DEFAULT_SIZES = List.of(1, 2, 4, 8, 16, 32);

    /**
     * What to sweep and how to train the AE.
     *
     * @param sizes latent sizes, each 1..256 and at most the data's dimension, no repeats; swept in this order
     * @param hidden encoder hidden sizes of the AE (the decoder mirrors them)
     * @param epochs AE training epochs per size, >= 1
     * @param batchSize examples per step, >= 1
     * @param learningRate Adam's learning rate, > 0
     * @param likelihood the AE's reconstruction loss (Bernoulli needs data in [0, 1])
     * @param sigma the fixed sigma of the Gaussian likelihood
     * @param seed the seed of every AE (weights, shuffling) and of the measurement
     */
    public record Settings(List<Integer> sizes, List<Integer> hidden, int epochs, int batchSize, double learningRate,
            Likelihood likelihood, double sigma, long seed) {

        public Settings {
            sizes = List.copyOf(Objects.requireNonNull(sizes, "sizes"));
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one latent size");
            }
            for (int k : sizes) {
                ModelConfig.checkLatent(k);
            }
            if (sizes.stream().distinct().count() != sizes.size()) {
                throw new IllegalArgumentException("latent sizes repeat: " + sizes);
            }
            hidden = ModelConfig.checkHidden(hidden);
            likelihood = likelihood == null ? Likelihood.BERNOULLI : likelihood;
            new TrainingConfig(epochs, batchSize, null, learningRate, 0.9, seed, 0, 0); // validates the numbers
            ModelConfig.checkSigma(sigma);
        }

        /** Sizes 1..32, the given hidden sizes and epochs, Adam at 1e-3, batch 128, Bernoulli, seed 1. */
        public static Settings defaults(List<Integer> hidden, int epochs) {
            return new Settings(DEFAULT_SIZES, hidden, epochs, TrainingConfig.DEFAULT_BATCH, TrainingConfig.DEFAULT_LR,
                    Likelihood.BERNOULLI, AutoencoderConfig.DEFAULT_SIGMA, 1);
        }

        public Settings withSizes(List<Integer> s) {
            return new Settings(s, hidden, epochs, batchSize, learningRate, likelihood, sigma, seed);
        }

        public Settings withSeed(long s) {
            return new Settings(sizes, hidden, epochs, batchSize, learningRate, likelihood, sigma, s);
        }

        public Settings withBatchSize(int b) {
            return new Settings(sizes, hidden, epochs, b, learningRate, likelihood, sigma, seed);
        }

        public Settings withLearningRate(double lr) {
            return new Settings(sizes, hidden, epochs, batchSize, lr, likelihood, sigma, seed);
        }

        public Settings withLikelihood(Likelihood l, double s) {
            return new Settings(sizes, hidden, epochs, batchSize, learningRate, l, s, seed);
        }

        /** The AE's training config: Adam, no early stopping. */
        TrainingConfig training() {
            return TrainingConfig.defaults(epochs, seed).withBatchSize(batchSize).withLearningRate(learningRate);
        }
    }

    /**
     * The sweep's outcome.
     *
     * @param pca PCA's points in sweep order
     * @param ae the AE's points in sweep order
     * @param cancelled true when the sweep stopped before every size was done
     */
    public record Result(List<SweepPoint> pca, List<SweepPoint> ae, boolean cancelled) {
        public Result {
            pca = List.copyOf(pca);
            ae = List.copyOf(ae);
        }

        /** The point of {@code model} at latent size {@code k}, or null when it was not reached. */
        public SweepPoint point(String model, int k) {
            for (SweepPoint p : SweepPoint.PCA.equals(model) ? pca : ae) {
                if (p.latent() == k) {
                    return p;
                }
            }
            return null;
        }
    }

    private LatentSizeSweep() {
    }

    /**
     * Runs the sweep on {@code split}'s training part, measured on its validation part: a {@link ParameterSweep}
     * over {@link SweepAxis#LATENT} with two series, PCA and the plain AE.
     *
     * @param listener receives every finished point, PCA's before the AE's at each size; may be null
     * @param cancelled checked between points and every training batch; may be null (never cancelled)
     * @throws IllegalArgumentException when the validation split is empty or a size exceeds the data's dimension
     */
    public static Result run(DataSplit split, Settings settings, Consumer<SweepPoint> listener,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(settings, "settings");
        Dataset train = split.train();
        int d = train.features();
        for (int k : settings.sizes()) {
            if (k > d) {
                throw new IllegalArgumentException("latent size " + k + " exceeds the " + d + " features of "
                        + train.name() + "; PCA keeps at most " + d + " components");
            }
        }
        // The AE is AutoencoderConfig.plain: ReLU, no sparsity, no corruption.
        ModelSettings ae = ModelSettings.DEFAULTS.withHidden(settings.hidden())
                .withLikelihood(settings.likelihood(), settings.sigma()).withoutRegularisers();
        List<Double> sizes = settings.sizes().stream().map(Integer::doubleValue).toList();
        ParameterSweep.Settings sweep = new ParameterSweep.Settings(SweepAxis.LATENT, sizes,
                List.of(new ParameterSweep.Series(SweepPoint.PCA, ModelKind.PCA, ModelSettings.DEFAULTS),
                        new ParameterSweep.Series(SweepPoint.AE, ModelKind.AE, ae)),
                settings.training(), ParameterSweep.DEFAULT_MIG_EXAMPLES);
        ParameterSweep.Result r = ParameterSweep.run(split, sweep, listener == null ? null : listener::accept,
                cancelled);
        return new Result(r.series(SweepPoint.PCA), r.series(SweepPoint.AE), r.cancelled());
    }
}

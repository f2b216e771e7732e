package dev.bottleneck.core.eval;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.model.LatentVariableModel;
import java.util.Objects;
import java.util.Optional;

/**
 * Fills an {@link EvaluationReport} with every metric that applies to a model: reconstruction error and code
 * variance for all families; KL, KL per dimension, active units, -ELBO, the importance-weighted -log p(x) and bits
 * per dimension for latent-variable models (the VAE family); MIG when the split has ground-truth factors.
 *
 * <p>Runs on the caller's thread and uses the model's work buffers: hand it a model no other thread uses (e.g. a
 * {@code copy()}). The IWAE estimate dominates the cost: {@code iwaeK x iwaeExamples} decoder passes.
 */
public final class Evaluator {

    private static final double LN2 = Math.log(2);

    private Evaluator() {
    }

    /**
     * What to compute and how.
     *
     * @param iwaeK importance samples per example for the IWAE estimate, >= 0 (0 skips it; Burda et al. report 5000)
     * @param iwaeExamples how many examples of the split (the first ones) the IWAE estimate uses, >= 1
     * @param seed seed of every noise draw (reparameterisation, importance samples): same seed, same report
     */
    public record Options(int iwaeK, int iwaeExamples, long seed) {

        /** Default IWAE samples per example: tight enough to rank models, fast enough for the CLI. */
        public static final int DEFAULT_IWAE_K = 100;
        /** Default IWAE examples. */
        public static final int DEFAULT_IWAE_EXAMPLES = 1000;

        public Options {
            if (iwaeK < 0) {
                throw new IllegalArgumentException("IWAE samples must be >= 0, not " + iwaeK);
            }
            if (iwaeExamples < 1) {
                throw new IllegalArgumentException("IWAE examples must be >= 1, not " + iwaeExamples);
            }
        }

        /** K = 100 on the first 1000 examples. */
        public static Options defaults(long seed) {
            return new Options(DEFAULT_IWAE_K, DEFAULT_IWAE_EXAMPLES, seed);
        }
    }

    /** Every applicable metric of {@code model} on {@code split}. */
    public static EvaluationReport evaluate(Autoencoder model, Dataset split, Options options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        ReconstructionError rec = ReconstructionMetrics.measure(model, split, options.seed());
        LatentActivity latent = LatentActivity.of(model, split);
        double kl = rec.terms().get(Term.KL).orElse(Double.NaN);
        double negElbo = rec.terms().get(Term.NEG_ELBO).orElse(Double.NaN);
        double iwaeNll = Double.NaN;
        double iwaeStdErr = Double.NaN;
        int iwaeK = 0;
        int iwaeN = 0;
        double bits = Double.NaN;
        if (model instanceof LatentVariableModel vae) {
            if (options.iwaeK() > 0) {
                IwaeEstimate iwae = ImportanceWeightedBound.estimate(vae, split, options.iwaeK(),
                        options.iwaeExamples(), options.seed());
                iwaeNll = iwae.nll();
                iwaeStdErr = iwae.stdErr();
                iwaeK = iwae.samples();
                iwaeN = iwae.examples();
            }
            bits = bitsPerDim(iwaeK > 0 ? iwaeNll : negElbo, split.features());
        }
        Optional<MigResult> mig = split.factors().isPresent()
                ? Optional.of(MutualInformationGap.compute(model, split))
                : Optional.empty();
        return new EvaluationReport(model.config().kind(), split.name(), rec.examples(), rec.natsPerExample(), kl,
                negElbo, iwaeNll, iwaeStdErr, iwaeK, iwaeN, bits, rec.msePerPixel(), latent.activeUnits(),
                latent.klPerDim(), latent.codeVariance(), mig);
    }

    /**
     * A negative log-likelihood in nats per example as bits per dimension: {@code nats / (D ln 2)}, the unit
     * image-model papers report (e.g. Burda et al. 2016 report nats; PixelRNN, van den Oord et al. 2016, bits/dim).
     */
    public static double bitsPerDim(double nats, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, not " + dims);
        }
        return nats / (dims * LN2);
    }
}

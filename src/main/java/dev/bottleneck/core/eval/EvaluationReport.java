package dev.bottleneck.core.eval;

import dev.bottleneck.core.model.ModelKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every validation metric of one model on one split (see {@link Evaluator}). A metric that does not apply to the
 * model is NaN (numbers), empty (optionals) or null (arrays). Per-example values are in nats; {@code msePerPixel}
 * and {@code bitsPerDim} are per feature.
 *
 * @param kind the model family
 * @param split the split's name
 * @param examples examples of the split evaluated (all of them)
 * @param reconstruction mean -log p(x|z) in nats per example (VAE: one z ~ q(z|x)); NaN for PCA
 * @param kl mean KL(q(z|x) || N(0, I)) in nats per example; NaN unless VAE
 * @param negElbo mean -ELBO = reconstruction + KL (beta = 1) in nats per example, one noise draw; NaN unless VAE
 * @param iwaeNll the importance-weighted estimate of -log p(x) in nats per example (Burda et al. 2016) on the first
 *     {@code iwaeExamples} examples; NaN unless VAE with K >= 1
 * @param iwaeStdErr standard error of iwaeNll over those examples
 * @param iwaeSamples K, importance samples per example (0 when not computed)
 * @param iwaeExamples examples the IWAE estimate used (0 when not computed)
 * @param bitsPerDim iwaeNll (or negElbo when K = 0) / (D ln 2); NaN unless VAE
 * @param msePerPixel mean squared error of decode(encode(x)) per feature, every family
 * @param activeUnits latent dimensions with Cov_x(E_q[z_u|x]) > 0.01 (Burda et al. 2016); empty unless VAE
 * @param klPerDim mean KL of each latent dimension in nats; null unless VAE
 * @param codeVariance variance over the split of each code dimension (the VAE's posterior mean), every family
 * @param mig mutual information gap and MI matrix when the split has ground-truth factors
 */
public record EvaluationReport(ModelKind kind, String split, int examples, double reconstruction, double kl,
        double negElbo, double iwaeNll, double iwaeStdErr, int iwaeSamples, int iwaeExamples, double bitsPerDim,
        double msePerPixel, OptionalInt activeUnits, double[] klPerDim, double[] codeVariance,
        Optional<MigResult> mig) {

    /** The keys of {@link #toMap()}, in order: what {@code eval --json} prints. */
    public static final List<String> KEYS = List.of("reconstruction", "kl", "negElbo", "iwaeNll",
            "iwaeStdErr", "bitsPerDim", "msePerPixel", "activeUnits", "klPerDim");

    /**
     * The metrics of {@link #KEYS}, in that order, ready for a JSON writer: Double, Integer or double[] values, and
     * null (JSON null) for every metric that does not apply or is not finite, so every key is always present and the
     * output is valid JSON.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reconstruction", finite(reconstruction));
        m.put("kl", finite(kl));
        m.put("negElbo", finite(negElbo));
        m.put("iwaeNll", finite(iwaeNll));
        m.put("iwaeStdErr", finite(iwaeStdErr));
        m.put("bitsPerDim", finite(bitsPerDim));
        m.put("msePerPixel", finite(msePerPixel));
        m.put("activeUnits", activeUnits.isPresent() ? Integer.valueOf(activeUnits.getAsInt()) : null);
        m.put("klPerDim", klPerDim == null ? null : klPerDim.clone());
        return m;
    }

    /** True for a VAE-family report (the KL, ELBO and likelihood metrics are filled). */
    public boolean hasPosterior() {
        return klPerDim != null;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

package dev.bottleneck.core.eval;

/**
 * How well a model restores corrupted held-out inputs (see {@link ReconstructionMetrics#denoising}): the model sees
 * {@code x~ = corrupt(x)} and is scored against the clean {@code x} (Vincent et al. 2008).
 *
 * @param corruption the corruption, as {@code Corruption.describe()} writes it
 * @param natsPerExample mean -log p(x | z(x~)) in nats per example; NaN for PCA
 * @param msePerPixel mean of (decode(encode(x~)) - x)^2 per feature
 * @param corruptedMsePerPixel mean of (x~ - x)^2 per feature: the error of doing nothing, the baseline the model
 *     should beat
 * @param examples examples evaluated
 */
public record DenoisingError(String corruption, double natsPerExample, double msePerPixel,
        double corruptedMsePerPixel, int examples) {
}

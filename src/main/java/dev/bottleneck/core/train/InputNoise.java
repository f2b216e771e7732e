package dev.bottleneck.core.train;

import java.util.SplittableRandom;

/**
 * Corrupts a batch of inputs in place for denoising training: the model sees the corrupted batch and is scored
 * against the clean one.
 */
@FunctionalInterface
public interface InputNoise {

    /** Corrupts the first {@code length} values of {@code batch}, drawing from {@code rng}. */
    void corrupt(float[] batch, int length, SplittableRandom rng);
}

package dev.bottleneck.core.model;

import java.util.List;
import java.util.SplittableRandom;

/** A model trained by gradient descent: the AE and VAE families. */
public interface GradientModel extends Autoencoder {

    /**
     * One forward and backward pass: fills every {@link Parameter#gradient()} with the gradient of the batch's mean
     * loss and returns the batch's loss terms (per example).
     *
     * @param input the (possibly corrupted) inputs, {@code n x inputDim()}
     * @param target the clean targets, {@code n x inputDim()}; may be the same array as {@code input}
     * @param epochsDone training progress in epochs (fractional), for KL warm-up and capacity schedules
     * @param noise the training thread's stream for the reparameterisation noise
     */
    LossTerms computeGradients(float[] input, float[] target, int n, double epochsDone, SplittableRandom noise);

    /** The encoder and the decoder, described layer by layer: what format 2 of the saved model writes. */
    List<NetworkSpec> networks();

    @Override
    GradientModel copy();
}

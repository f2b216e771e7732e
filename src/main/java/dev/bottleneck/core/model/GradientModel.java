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

    /**
     * Tells the model how many examples the set it is about to be trained on holds, and how many a batch takes; the
     * trainer calls it once, before the first step. An objective whose minibatch estimator weighs a batch against the
     * whole set reads them (the beta-TCVAE's total correlation, Chen et al. 2018: N in the weights, and the batch size
     * its estimates on held-out data take, so that they have the training batches' bias) and keeps them in its
     * config, so a saved model evaluates as it trained; every other model ignores them.
     */
    default void trainingSet(int examples, int batchSize) {
    }

    /**
     * The parameters the trainer's optimiser steps from the gradients {@link #computeGradients} leaves: all of
     * {@link #parameters()}, but for those a model trains itself inside its step with an optimiser of its own
     * (FactorVAE's discriminator, which its own loss alone moves, by its own Adam). Those are still parameters of the
     * model: saved, copied and restored with it.
     */
    default List<Parameter> optimizedParameters() {
        return parameters();
    }

    /**
     * The encoder and the decoder (and any network the model trains beside them, such as FactorVAE's discriminator),
     * described layer by layer: what format 2 of the saved model writes.
     */
    List<NetworkSpec> networks();

    @Override
    GradientModel copy();
}

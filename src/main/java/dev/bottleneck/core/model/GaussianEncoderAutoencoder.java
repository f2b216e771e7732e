package dev.bottleneck.core.model;

/**
 * What the VAE and the beta-TCVAE share: an encoder that puts out {@code [mu | logvar]} of a diagonal Gaussian
 * q(z|x) per example ({@code n x 2k}), so the code of an example is its posterior mean.
 */
abstract class GaussianEncoderAutoencoder extends NeuralAutoencoder implements LatentVariableModel {

    GaussianEncoderAutoencoder(Network encoder, Network decoder, Likelihood likelihood, double sigma) {
        super(encoder, decoder, likelihood, sigma);
    }

    /** The code is the posterior mean: the first k of each row's 2k outputs. */
    @Override
    final void encodeBlock(Matrix in, float[] dst, int at) {
        Matrix h = encoder.forward(in); // n x 2k: [mu | logvar]
        int k = latentDim();
        for (int r = 0; r < h.rows; r++) {
            System.arraycopy(h.data, r * 2 * k, dst, (at + r) * k, k);
        }
    }

    @Override
    public final float[][] posterior(float[] x, int n) {
        checkLength(x, n, inputDim(), "input");
        int k = latentDim();
        float[] mu = new float[n * k];
        float[] logvar = new float[n * k];
        int block = block(); // blocks the nets' buffers can take (a conv net's are large)
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            Matrix h = encoder.forward(input(x, from, m)); // m x 2k
            for (int r = 0; r < m; r++) {
                System.arraycopy(h.data, r * 2 * k, mu, (from + r) * k, k);
                System.arraycopy(h.data, r * 2 * k + k, logvar, (from + r) * k, k);
            }
        }
        return new float[][] {mu, logvar};
    }
}

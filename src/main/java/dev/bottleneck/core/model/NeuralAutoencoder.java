package dev.bottleneck.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the AE and the VAE share: an encoder and a decoder {@link Network} (an MLP, or the convolutional nets of
 * {@link ConvNets}), per-batch-size inputs, chunked encode and decode.
 */
abstract class NeuralAutoencoder implements GradientModel {

    /** Largest block encode/decode push through the nets at once; bounds the work buffers. */
    static final int BLOCK = 2048;
    /**
     * Floats of work buffers one block may take (64 MB, twice that with the native mirrors): a convolutional net's
     * im2col windows take some 100 times an MLP's activations per example, and 2,048 64x64 sprites through
     * Burgess et al.'s net would need gigabytes.
     */
    static final long BLOCK_FLOATS = 16L << 20;

    private int block; // examples per block of encode and decode, set on first use

    final Network encoder;
    final Network decoder;
    final Likelihood likelihood;
    final double sigma;
    private final Map<Integer, Matrix> inputs = new HashMap<>();
    private final Map<Integer, Matrix> codes = new HashMap<>();

    /**
     * @param encoder from {@code inputDim} numbers to the encoder's output ({@code latentDim} for an AE,
     *     {@code 2 latentDim} for a VAE)
     * @param decoder from {@code latentDim} numbers to {@code inputDim} logits or means
     */
    NeuralAutoencoder(Network encoder, Network decoder, Likelihood likelihood, double sigma) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.likelihood = likelihood;
        this.sigma = sigma;
    }

    /**
     * The MLP encoder {@code d, h1, .., hn, encoderOut} and its mirror-image decoder {@code k, hn, .., h1, d}, laid out
     * by {@link NetworkSize#widths}: {@code {encoder, decoder}}, named "encoder" and "decoder".
     */
    static Network[] mlp(int inputDim, List<Integer> hidden, int latentDim, int encoderOut, Activation activation,
            Activation codeActivation) {
        long[][] widths = NetworkSize.widths(inputDim, hidden, latentDim, encoderOut);
        int[] enc = java.util.Arrays.stream(widths[0]).mapToInt(Math::toIntExact).toArray();
        int[] dec = java.util.Arrays.stream(widths[1]).mapToInt(Math::toIntExact).toArray();
        return new Network[] {Network.mlp("encoder", enc, activation, codeActivation),
            Network.mlp("decoder", dec, activation, Activation.IDENTITY)};
    }

    /** Refuses an encoder or decoder whose sizes do not fit the config. */
    final void checkNetworks(int encoderOut) {
        if (encoder.inputSize() != inputDim() || encoder.outputSize() != encoderOut
                || decoder.inputSize() != latentDim() || decoder.outputSize() != inputDim()) {
            throw new IllegalArgumentException("the networks (" + encoder.inputSize() + " -> " + encoder.outputSize()
                    + ", " + decoder.inputSize() + " -> " + decoder.outputSize() + ") do not fit input size "
                    + inputDim() + " and latent size " + latentDim());
        }
    }

    @Override
    public List<NetworkSpec> networks() {
        return List.of(encoder.spec(), decoder.spec());
    }

    /** The encoder network: x to the code (AE) or to [mu | logvar] (VAE). */
    public Network encoderNetwork() {
        return encoder;
    }

    /** The decoder network: z to logits (Bernoulli) or means (Gaussian). */
    public Network decoderNetwork() {
        return decoder;
    }

    /** An input matrix for {@code n} rows holding a copy of {@code x[from * d ..]}. */
    Matrix input(float[] x, int from, int n) {
        Matrix m = inputs.computeIfAbsent(n, k -> new Matrix(k, inputDim()));
        System.arraycopy(x, from * inputDim(), m.data, 0, n * inputDim());
        m.changed();
        return m;
    }

    /** A code matrix for {@code n} rows (contents unspecified). */
    Matrix codeBuffer(int n) {
        return codes.computeIfAbsent(n, k -> new Matrix(k, latentDim()));
    }

    /** Writes the codes of {@code in} ({@code n} rows) into {@code dst} at row {@code at}. */
    abstract void encodeBlock(Matrix in, float[] dst, int at);

    /**
     * Examples per block of encode and decode: {@link #BLOCK}, or fewer where the nets' buffers per example
     * ({@link NetworkSize#activationsPerExample}) would take more than {@link #BLOCK_FLOATS}; at least 16.
     */
    final int block() {
        if (block == 0) {
            long perExample = Math.max(1, NetworkSize.activationsPerExample(config()));
            block = (int) Math.max(16, Math.min(BLOCK, BLOCK_FLOATS / perExample));
        }
        return block;
    }

    @Override
    public float[] encode(float[] x, int n) {
        checkLength(x, n, inputDim(), "input");
        float[] out = new float[n * latentDim()];
        int block = block();
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            encodeBlock(input(x, from, m), out, from);
        }
        return out;
    }

    @Override
    public float[] decode(float[] z, int n) {
        checkLength(z, n, latentDim(), "code");
        int d = inputDim();
        float[] out = new float[n * d];
        int block = block();
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            Matrix zm = codeBuffer(m);
            System.arraycopy(z, from * latentDim(), zm.data, 0, m * latentDim());
            zm.changed();
            Matrix o = decoder.forward(zm);
            System.arraycopy(o.data, 0, out, from * d, m * d);
        }
        Reconstruction.toDataSpace(likelihood, out, out.length);
        return out;
    }

    /**
     * -log p(x | z) for each row, in nats: the decoder run on {@code z} ({@code n x latentDim()}) scored against
     * {@code x} ({@code n x inputDim()}).
     */
    public double[] reconstructionNll(float[] z, float[] x, int n) {
        checkLength(z, n, latentDim(), "code");
        checkLength(x, n, inputDim(), "input");
        double[] out = new double[n];
        double[] part = new double[block()];
        int d = inputDim();
        int block = block();
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            Matrix zm = codeBuffer(m);
            System.arraycopy(z, from * latentDim(), zm.data, 0, m * latentDim());
            zm.changed();
            Matrix o = decoder.forward(zm);
            float[] target = new float[m * d];
            System.arraycopy(x, from * d, target, 0, m * d);
            Reconstruction.nll(likelihood, sigma, o.data, target, m, d, null, 0f, part, null);
            System.arraycopy(part, 0, out, from, m);
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(encoder.parameters());
        ps.addAll(decoder.parameters());
        return ps;
    }

    static void checkLength(float[] a, int n, int d, String what) {
        if (n < 0 || a.length < (long) n * d) {
            throw new IllegalArgumentException(what + " array holds " + a.length + " values, not " + n + " x " + d);
        }
    }
}

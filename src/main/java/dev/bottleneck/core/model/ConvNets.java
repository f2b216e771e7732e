package dev.bottleneck.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the convolutional encoders and decoders of a {@link ConvSpec}, and the AE and VAE on them. The encoder is
 * {@code conv, .., conv, flatten, dense, .., dense(outputs)}; the decoder mirrors it:
 * {@code dense, .., dense, reshape, convT, .., convT(image channels)}, every layer but the last of each with the
 * hidden activation. Parameter names follow nn.Sequential ("encoder.0.weight" is the first convolution; the flatten
 * and reshape take a position), so an nn.Sequential of the same layers exports its state_dict under the same names.
 *
 * <p>For Burgess et al. 2018's 64x64 net with a VAE of latent size k: encoder 1x64x64 -> 32x32x32 -> 32x16x16 ->
 * 32x8x8 -> 32x4x4 -> 512 -> 256 -> 256 -> 2k; decoder k -> 256 -> 256 -> 512 -> 32x4x4 -> .. -> 1x64x64.
 */
public final class ConvNets {

    private ConvNets() {
    }

    /**
     * The encoder of {@code image} to {@code outputs} numbers (2k for a VAE's [mu | logvar], k for an AE).
     *
     * @param last the activation of the output layer (identity for a VAE, sigmoid for an AE with KL sparsity)
     */
    public static Network encoder(Shape image, ConvSpec spec, int outputs, Activation hidden, Activation last) {
        Network.Builder b = Network.builder("encoder", image);
        for (int c : spec.channels()) {
            b.conv2d(c, spec.kernel(), spec.stride(), spec.padding(), hidden);
        }
        b.flatten();
        for (int d : spec.dense()) {
            b.dense(d, hidden);
        }
        return b.dense(outputs, last).build();
    }

    /**
     * The decoder from {@code latent} numbers to {@code image}: logits (Bernoulli) or means (Gaussian) per pixel.
     *
     * @throws IllegalArgumentException when the transposed convolutions do not give back {@code image} (an odd side
     *     halved by a stride-2 convolution cannot be doubled back), naming both shapes
     */
    public static Network decoder(int latent, Shape image, ConvSpec spec, Activation hidden) {
        List<Shape> shapes = convShapes(image, spec); // image, after conv 1, .., after conv L
        Shape top = shapes.get(shapes.size() - 1);
        Network.Builder b = Network.builder("decoder", Shape.features(latent));
        List<Integer> dense = spec.dense();
        for (int i = dense.size() - 1; i >= 0; i--) {
            b.dense(dense.get(i), hidden);
        }
        b.dense(top.size(), hidden);
        b.reshape(top); // n x (C*H*W) read as C x H x W
        for (int i = shapes.size() - 2; i >= 0; i--) {
            b.convTranspose2d(shapes.get(i).channels(), spec.kernel(), spec.stride(), spec.padding(),
                    i == 0 ? Activation.IDENTITY : hidden);
        }
        Network net = b.build();
        if (!net.outputShape().equals(image)) {
            throw new IllegalArgumentException("the convolutional decoder of " + spec + " gives " + net.outputShape()
                    + ", not the " + image + " images it should: use sides that the strides divide");
        }
        return net;
    }

    /** The shape after each convolution of the encoder, the image first. */
    static List<Shape> convShapes(Shape image, ConvSpec spec) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(image);
        Shape s = image;
        for (int c : spec.channels()) {
            Im2col g = new Im2col(s.channels(), s.height(), s.width(), spec.kernel(), spec.stride(), spec.padding());
            s = Shape.image(c, g.oh, g.ow);
            shapes.add(s);
        }
        return shapes;
    }

    /** The convolutional (beta-)VAE of {@code config}, whose {@link VaeConfig#conv()} gives the image and nets. */
    static VariationalAutoencoder vae(VaeConfig config, long seed) {
        ConvArchitecture a = config.conv();
        int k = config.latentDim();
        return new VariationalAutoencoder(config,
                encoder(a.image(), a.spec(), 2 * k, config.activation(), Activation.IDENTITY),
                decoder(k, a.image(), a.spec(), config.activation()), seed);
    }

    /**
     * A convolutional (beta-)VAE on images of {@code image} ({@code config.inputDim()} must be its size), with the
     * objective, likelihood and activation of {@code config} ({@code config.hidden()} is not read).
     */
    public static VariationalAutoencoder vae(VaeConfig config, Shape image, ConvSpec spec, long seed) {
        checkInput(config.inputDim(), image);
        return vae(config.withConv(new ConvArchitecture(image, spec)), seed);
    }

    /** The convolutional (sparse, denoising) AE of {@code config}, whose {@code conv()} gives the image and nets. */
    static DeterministicAutoencoder autoencoder(AutoencoderConfig config, long seed) {
        ConvArchitecture a = config.conv();
        int k = config.latentDim();
        Activation code = config.sparsity() == Sparsity.KL ? Activation.SIGMOID : Activation.IDENTITY;
        return new DeterministicAutoencoder(config, encoder(a.image(), a.spec(), k, config.activation(), code),
                decoder(k, a.image(), a.spec(), config.activation()), seed);
    }

    /**
     * A convolutional (sparse, denoising) autoencoder on images of {@code image}, with the objective, likelihood and
     * activation of {@code config} ({@code config.hidden()} is not read).
     */
    public static DeterministicAutoencoder autoencoder(AutoencoderConfig config, Shape image, ConvSpec spec,
            long seed) {
        checkInput(config.inputDim(), image);
        return autoencoder(config.withConv(new ConvArchitecture(image, spec)), seed);
    }

    /**
     * The tensors of the encoder and decoder {@link #encoder} and {@link #decoder} build for {@code a}, by their
     * parameter names, each {@code {rows, cols}} as stored, and the floats one example occupies in a training step's
     * buffers (every layer's output and its gradient, the convolutions' im2col windows and pixel rows), by shape
     * arithmetic alone in saturating {@code long}s, so a config can be sized before anything is allocated.
     */
    static long layout(ConvArchitecture a, int latent, int encoderOut, java.util.Map<String, long[]> tensors) {
        ConvSpec spec = a.spec();
        List<Shape> shapes = a.shapes();
        long k2 = (long) spec.kernel() * spec.kernel();
        long perExample = 0;
        int i = 0;
        for (int l = 1; l < shapes.size(); l++, i++) { // encoder.i: Conv2d, weight (out, in*k*k)
            Shape in = shapes.get(l - 1);
            Shape out = shapes.get(l);
            tensors.put("encoder." + i + ".weight", new long[] {out.channels(), in.channels() * k2});
            tensors.put("encoder." + i + ".bias", new long[] {1, out.channels()});
            long positions = (long) out.height() * out.width();
            perExample = sat(perExample, sat(2L * out.size(), positions * (in.channels() * k2 + out.channels())));
        }
        Shape top = shapes.get(shapes.size() - 1);
        perExample = sat(perExample, 2L * top.size()); // the flatten's output
        i++;
        long width = top.size();
        List<Integer> dense = new ArrayList<>(spec.dense());
        dense.add(encoderOut);
        for (int d : dense) { // encoder.i: Dense, weight (in, out)
            tensors.put("encoder." + i + ".weight", new long[] {width, d});
            tensors.put("encoder." + i + ".bias", new long[] {1, d});
            perExample = sat(perExample, 2L * d);
            width = d;
            i++;
        }
        List<Integer> up = new ArrayList<>();
        for (int j = spec.dense().size() - 1; j >= 0; j--) {
            up.add(spec.dense().get(j));
        }
        up.add(top.size());
        width = latent;
        i = 0;
        for (int d : up) { // decoder.i: Dense
            tensors.put("decoder." + i + ".weight", new long[] {width, d});
            tensors.put("decoder." + i + ".bias", new long[] {1, d});
            perExample = sat(perExample, 2L * d);
            width = d;
            i++;
        }
        perExample = sat(perExample, 2L * top.size()); // the reshape's output
        i++;
        for (int l = shapes.size() - 1; l > 0; l--, i++) { // decoder.i: ConvTranspose2d, weight (in, out*k*k)
            Shape in = shapes.get(l);
            Shape out = shapes.get(l - 1);
            tensors.put("decoder." + i + ".weight", new long[] {in.channels(), out.channels() * k2});
            tensors.put("decoder." + i + ".bias", new long[] {1, out.channels()});
            long positions = (long) in.height() * in.width();
            perExample = sat(perExample, sat(2L * out.size(), positions * (out.channels() * k2 + in.channels())));
        }
        return perExample;
    }

    private static long sat(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static void checkInput(int inputDim, Shape image) {
        if (inputDim != image.size()) {
            throw new IllegalArgumentException("input size " + inputDim + " is not a " + image + " image ("
                    + image.size() + " numbers)");
        }
    }
}

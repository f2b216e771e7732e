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

    /**
     * A convolutional (beta-)VAE on images of {@code image} ({@code config.inputDim()} must be its size), with the
     * objective, likelihood and activation of {@code config} ({@code config.hidden()} is not read).
     */
    public static VariationalAutoencoder vae(VaeConfig config, Shape image, ConvSpec spec, long seed) {
        checkInput(config.inputDim(), image);
        int k = config.latentDim();
        return new VariationalAutoencoder(config,
                encoder(image, spec, 2 * k, config.activation(), Activation.IDENTITY),
                decoder(k, image, spec, config.activation()), seed);
    }

    /**
     * A convolutional (sparse, denoising) autoencoder on images of {@code image}, with the objective, likelihood and
     * activation of {@code config} ({@code config.hidden()} is not read).
     */
    public static DeterministicAutoencoder autoencoder(AutoencoderConfig config, Shape image, ConvSpec spec,
            long seed) {
        checkInput(config.inputDim(), image);
        int k = config.latentDim();
        Activation code = config.sparsity() == Sparsity.KL ? Activation.SIGMOID : Activation.IDENTITY;
        return new DeterministicAutoencoder(config, encoder(image, spec, k, config.activation(), code),
                decoder(k, image, spec, config.activation()), seed);
    }

    private static void checkInput(int inputDim, Shape image) {
        if (inputDim != image.size()) {
            throw new IllegalArgumentException("input size " + inputDim + " is not a " + image + " image ("
                    + image.size() + " numbers)");
        }
    }
}

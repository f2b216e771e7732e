package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The convolutional encoders and decoders of {@link ConvNets}, and the AE and VAE built on them. */
class ConvNetsTest {

    private static List<String> shapes(Network net) {
        List<String> out = new ArrayList<>();
        Shape s = net.inputShape();
        for (Layer l : net.layers()) {
            s = l.outputShape(s);
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void burgessNetFor64x64HalvesFourTimesThenTwoDenseLayersOf256() {
        Shape image = Shape.image(1, 64, 64);
        ConvSpec spec = ConvSpec.defaultFor(image);
        assertEquals(ConvSpec.burgess64(), spec);
        assertEquals(List.of("32x32x32", "32x16x16", "32x8x8", "32x4x4", "512", "256", "256", "20"),
                shapes(ConvNets.encoder(image, spec, 20, Activation.RELU, Activation.IDENTITY)));
        assertEquals(List.of("256", "256", "512", "32x4x4", "32x8x8", "32x16x16", "32x32x32", "1x64x64"),
                shapes(ConvNets.decoder(10, image, spec, Activation.RELU)));
    }

    @Test
    void mnistAnd32x32NetsAreProportionate() {
        Shape mnist = Shape.image(1, 28, 28);
        assertEquals(List.of("32x14x14", "64x7x7", "3136", "256", "32"),
                shapes(ConvNets.encoder(mnist, ConvSpec.defaultFor(mnist), 32, Activation.RELU, Activation.IDENTITY)));
        assertEquals(List.of("256", "3136", "64x7x7", "32x14x14", "1x28x28"),
                shapes(ConvNets.decoder(16, mnist, ConvSpec.defaultFor(mnist), Activation.RELU)));
        Shape rgb = Shape.image(3, 32, 32);
        assertEquals(List.of("32x16x16", "32x8x8", "64x4x4", "1024", "256", "8"),
                shapes(ConvNets.encoder(rgb, ConvSpec.defaultFor(rgb), 8, Activation.RELU, Activation.IDENTITY)));
        assertEquals("3x32x32", ConvNets.decoder(4, rgb, ConvSpec.defaultFor(rgb), Activation.RELU)
                .outputShape().toString());
    }

    @Test
    void parameterNamesFollowNnSequentialPositions() {
        Shape mnist = Shape.image(1, 28, 28);
        VariationalAutoencoder vae = ConvNets.vae(VaeConfig.standard(784, List.of(), 16, 1.0), mnist,
                ConvSpec.defaultFor(mnist), 1);
        List<String> names = vae.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias",
                "encoder.3.weight", "encoder.3.bias", "encoder.4.weight", "encoder.4.bias",
                "decoder.0.weight", "decoder.0.bias", "decoder.1.weight", "decoder.1.bias",
                "decoder.3.weight", "decoder.3.bias", "decoder.4.weight", "decoder.4.bias"), names);
        // PyTorch layouts: Conv2d (out, in, kH, kW), ConvTranspose2d (in, out, kH, kW)
        Parameter conv1 = vae.parameters().get(2);
        assertEquals(64, conv1.value().rows);
        assertEquals(32 * 16, conv1.value().cols);
        Parameter last = vae.parameters().get(14);
        assertEquals(32, last.value().rows);
        assertEquals(16, last.value().cols);
    }

    @Test
    void sizesTheStridesCannotUndoAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvSpec.defaultFor(Shape.image(1, 7, 7)));
        assertTrue(e.getMessage().contains("1x7x7"), e.getMessage());
        ConvSpec spec = new ConvSpec(List.of(8, 8), 4, 2, 1, List.of());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvNets.decoder(2, Shape.image(1, 30, 30), spec, Activation.RELU)); // 30 -> 15 -> 7 -> 14 -> 28
        assertTrue(e.getMessage().contains("1x28x28") && e.getMessage().contains("1x30x30"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConvNets.vae(VaeConfig.standard(100, List.of(), 2, 1.0), Shape.image(1, 8, 8), spec, 1));
    }

    /** A small net for the training checks: 1x8x8 -> 4x4x4 -> 8x2x2 -> 16 -> code. */
    private static final Shape TINY = Shape.image(1, 8, 8);
    private static final ConvSpec TINY_SPEC = new ConvSpec(List.of(4, 8), 4, 2, 1, List.of(16));

    /** n 8x8 images of a horizontal or vertical bar at a random place. */
    private static float[] bars(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(8);
            boolean vertical = r.nextBoolean();
            for (int j = 0; j < 8; j++) {
                x[i * 64 + (vertical ? j * 8 + at : at * 8 + j)] = 1f;
            }
        }
        return x;
    }

    @Test
    void convolutionalVaeGradientMatchesCentralDifferences() {
        VaeConfig config = VaeConfig.standard(64, List.of(), 2, 1.0).withActivation(Activation.TANH);
        VariationalAutoencoder vae = ConvNets.vae(config, TINY, TINY_SPEC, 42);
        int n = 4;
        float[] x = bars(n, 1);
        double h = 1e-2; // the loss is summed from float terms: a smaller step drowns in their rounding
        vae.computeGradients(x, x, n, 1, new SplittableRandom(3));
        // Every gradient taken now: each numerical difference below recomputes them at a perturbed point.
        List<float[]> gradients = vae.parameters().stream().map(p -> p.gradient().data.clone()).toList();
        double worst = 0;
        String worstAt = "";
        int checked = 0;
        for (int pi = 0; pi < gradients.size(); pi++) {
            Parameter p = vae.parameters().get(pi);
            float[] analytic = gradients.get(pi);
            float[] w = p.value().data;
            int stride = Math.max(1, w.length / 6);
            for (int i = 0; i < w.length; i += stride) {
                float keep = w[i];
                w[i] = (float) (keep + h);
                p.value().changed();
                double up = vae.computeGradients(x, x, n, 1, new SplittableRandom(3)).loss();
                w[i] = (float) (keep - h);
                p.value().changed();
                double down = vae.computeGradients(x, x, n, 1, new SplittableRandom(3)).loss();
                w[i] = keep;
                p.value().changed();
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - analytic[i])
                        / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 0.05);
                if (err > worst) {
                    worst = err;
                    worstAt = p.name() + "[" + i + "]: analytic " + analytic[i] + ", numeric " + numeric;
                }
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked);
        assertTrue(worst < 0.02, "worst relative error " + worst + " at " + worstAt);
    }

    @Test
    void convolutionalVaeLossFallsOver50Steps() {
        VariationalAutoencoder vae = ConvNets.vae(VaeConfig.standard(64, List.of(), 2, 1.0), TINY, TINY_SPEC, 7);
        int n = 32;
        float[] x = bars(n, 2);
        SplittableRandom noise = new SplittableRandom(5);
        double first = vae.evaluate(x, x, n, 9).loss();
        for (int step = 0; step < 50; step++) {
            vae.computeGradients(x, x, n, step, noise);
            for (Parameter p : vae.parameters()) {
                float[] w = p.value().data;
                float[] g = p.gradient().data;
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.05f * g[i];
                }
                p.value().changed();
            }
        }
        double last = vae.evaluate(x, x, n, 9).loss();
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
    }

    @Test
    void convolutionalModelsEncodeDecodeAndCopyLikeTheMlpOnes() {
        VariationalAutoencoder vae = ConvNets.vae(VaeConfig.standard(64, List.of(), 2, 1.0), TINY, TINY_SPEC, 7);
        float[] x = bars(5, 3);
        float[] z = vae.encode(x, 5);
        assertEquals(5 * 2, z.length);
        float[] recon = vae.decode(z, 5);
        assertEquals(5 * 64, recon.length);
        for (float v : recon) {
            assertTrue(v >= 0 && v <= 1, "a Bernoulli mean, was " + v);
        }
        VariationalAutoencoder copy = vae.copy();
        assertArrayEquals(z, copy.encode(x, 5));
        vae.parameters().get(0).value().data[0] += 1f;
        vae.parameters().get(0).value().changed();
        assertArrayEquals(z, copy.encode(x, 5));
        assertArrayEquals(ConvNets.vae(VaeConfig.standard(64, List.of(), 2, 1.0), TINY, TINY_SPEC, 7).encode(x, 5),
                copy.encode(x, 5), "the same seed gives the same weights");

        AutoencoderConfig ae = AutoencoderConfig.plain(64, List.of(), 3).withSparsity(Sparsity.KL, 0.1, 0.05);
        DeterministicAutoencoder sparse = ConvNets.autoencoder(ae, TINY, TINY_SPEC, 1);
        for (float v : sparse.encode(x, 5)) {
            assertTrue(v > 0 && v < 1, "KL sparsity codes are sigmoids, was " + v);
        }
        assertEquals(5 * 64, sparse.copy().reconstruct(x, 5).length);
    }

    @Test
    void theSizesWorkedOutBeforeBuildingAreThoseOfTheBuiltNets() {
        for (Shape image : List.of(Shape.image(1, 28, 28), Shape.image(1, 64, 64), Shape.image(3, 32, 32))) {
            for (ModelKind k : List.of(ModelKind.CONV_AE, ModelKind.CONV_VAE)) {
                ModelConfig c = k.defaults(image);
                java.util.Map<String, long[]> want = NetworkSize.tensorShapes(c);
                List<Parameter> built = c.build(1).parameters();
                assertEquals(want.size(), built.size(), c.describe());
                long total = 0;
                for (Parameter p : built) {
                    long[] shape = want.get(p.name());
                    assertArrayEquals(new long[] {p.value().rows, p.value().cols}, shape, p.name() + " of "
                            + c.describe());
                    total += (long) p.value().rows * p.value().cols;
                }
                assertEquals(total, NetworkSize.parameters(c));
            }
        }
    }

    /** Encoding thousands of 64x64 sprites must not need gigabytes of im2col windows at once. */
    @Test
    void encodeAndDecodeBlocksAreSizedByTheNetsBuffers() {
        NeuralAutoencoder mlp = (NeuralAutoencoder) ModelKind.VAE.defaults(784).build(1);
        assertEquals(NeuralAutoencoder.BLOCK, mlp.block(), "an MLP's buffers are small: full blocks");
        for (Shape image : List.of(Shape.image(1, 28, 28), Shape.image(1, 64, 64))) {
            ModelConfig c = ModelKind.CONV_BETA_VAE.defaults(image);
            NeuralAutoencoder conv = (NeuralAutoencoder) c.build(1);
            long perExample = NetworkSize.activationsPerExample(c);
            assertTrue(conv.block() < NeuralAutoencoder.BLOCK, image + ": " + conv.block());
            assertTrue(conv.block() * perExample <= NeuralAutoencoder.BLOCK_FLOATS, image + ": " + conv.block());
            assertTrue((conv.block() + 1) * perExample > NeuralAutoencoder.BLOCK_FLOATS, "as large as fits");
        }
    }
}

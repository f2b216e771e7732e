package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Forward passes of the convolutional and reshape layers against tiny cases worked out by hand (the arithmetic is in
 * the comments), the PyTorch weight layouts, the output shapes, and that the transposed convolution is the adjoint of
 * the convolution with the same weight tensor, as in PyTorch.
 */
class ConvolutionForwardTest {

    private static float[] run(Layer layer, float[] x) {
        Network net = Network.builder("net", layer.inputShape()).add(layer).build();
        return net.forward(new Matrix(1, layer.inputShape().size(), x)).data.clone();
    }

    private static void set(Parameter p, float... values) {
        System.arraycopy(values, 0, p.value().data, 0, values.length);
        p.value().changed();
    }

    private static final float[] ONE_TO_NINE = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // a 3x3 image, row by row

    @Test
    void convolutionSlidesTheKernelOverTheImage() {
        // x = [1 2 3; 4 5 6; 7 8 9], w = [1 2; 3 4], stride 1, no padding, bias 0.5:
        // y[0,0] = 1*1 + 2*2 + 3*4 + 4*5 = 37, y[0,1] = 2 + 6 + 15 + 24 = 47,
        // y[1,0] = 4 + 10 + 21 + 32 = 67,      y[1,1] = 5 + 12 + 24 + 36 = 77.
        Conv2d c = new Conv2d("c", Shape.image(1, 3, 3), 1, 2, 1, 0, Activation.IDENTITY);
        set(c.weight, 1, 2, 3, 4);
        set(c.bias, 0.5f);
        assertEquals(Shape.image(1, 2, 2), c.outputShape());
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, run(c, ONE_TO_NINE));
    }

    @Test
    void strideAndPaddingPickTheWindows() {
        // Stride 2, padding 1: windows start at rows/columns -1 and 1. Each keeps the pixels inside the image:
        // y[0,0] = x[0,0] w[1,1] = 4;  y[0,1] = x[0,1] w[1,0] + x[0,2] w[1,1] = 6 + 12 = 18;
        // y[1,0] = x[1,0] w[0,1] + x[2,0] w[1,1] = 8 + 28 = 36;  y[1,1] = 5 + 12 + 24 + 36 = 77.
        Conv2d c = new Conv2d("c", Shape.image(1, 3, 3), 1, 2, 2, 1, Activation.IDENTITY);
        set(c.weight, 1, 2, 3, 4);
        assertArrayEquals(new float[] {4, 18, 36, 77}, run(c, ONE_TO_NINE));
    }

    @Test
    void convolutionWeightIsOutInKernelRowKernelColumnAsInPyTorch() {
        // Two input channels of 2x2, one 2x2 kernel per (out, in) pair, two outputs of 1x1.
        // w[0] picks x[ch 0][0,0] = 1 and x[ch 1][1,1] = 8 -> 9; w[1] is 1 everywhere on ch 1 -> 5+6+7+8 = 26.
        Conv2d c = new Conv2d("c", Shape.image(2, 2, 2), 2, 2, 1, 0, Activation.RELU);
        set(c.weight, 1, 0, 0, 0, /* in 1 */ 0, 0, 0, 1, /* out 1: in 0 */ 0, 0, 0, 0, /* in 1 */ 1, 1, 1, 1);
        set(c.bias, 0, -30);
        assertEquals(2, c.weight.value().rows);
        assertEquals(8, c.weight.value().cols);
        assertArrayEquals(new float[] {9, 0}, run(c, new float[] {1, 2, 3, 4, 5, 6, 7, 8})); // ReLU(26 - 30) = 0
    }

    @Test
    void transposedConvolutionStampsTheKernelPerPixel() {
        // x = [1 2; 3 4], w = [1 2; 3 4], stride 2: every pixel stamps x * w on its own 2x2 block.
        ConvTranspose2d t = new ConvTranspose2d("t", Shape.image(1, 2, 2), 1, 2, 2, 0, Activation.IDENTITY);
        set(t.weight, 1, 2, 3, 4);
        assertEquals(Shape.image(1, 4, 4), t.outputShape());
        assertArrayEquals(new float[] {
            1, 2, 2, 4,
            3, 4, 6, 8,
            3, 6, 4, 8,
            9, 12, 12, 16}, run(t, new float[] {1, 2, 3, 4}));
    }

    @Test
    void overlappingStampsAddUpAndPaddingCrops() {
        // x = [1 2; 3 4], w = ones(2x2), stride 1: y[i,j] = sum of the x[a,b] with i-a, j-b in {0, 1}:
        // [1 3 2; 4 10 6; 3 7 4]; bias 1 on top.
        ConvTranspose2d t = new ConvTranspose2d("t", Shape.image(1, 2, 2), 1, 2, 1, 0, Activation.IDENTITY);
        set(t.weight, 1, 1, 1, 1);
        set(t.bias, 1);
        assertArrayEquals(new float[] {2, 4, 3, 5, 11, 7, 4, 8, 5}, run(t, new float[] {1, 2, 3, 4}));
        // Kernel 3, padding 1 crops one pixel off each side of the 4x4 full output: 2x2 stays 2x2.
        ConvTranspose2d cropped = new ConvTranspose2d("t", Shape.image(1, 2, 2), 1, 3, 1, 1, Activation.IDENTITY);
        set(cropped.weight, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        // Every output pixel of the inner 2x2 is covered by all four 3x3 stamps: 1 + 2 + 3 + 4 = 10.
        assertArrayEquals(new float[] {10, 10, 10, 10}, run(cropped, new float[] {1, 2, 3, 4}));
    }

    @Test
    void transposedConvolutionWeightIsInOutKernelRowKernelColumnAsInPyTorch() {
        // One input pixel of value 2, two output channels of 2x2: weight (1, 2, 2, 2), channel o gets 2 * w[0, o].
        ConvTranspose2d t = new ConvTranspose2d("t", Shape.image(1, 1, 1), 2, 2, 1, 0, Activation.IDENTITY);
        set(t.weight, 1, 2, 3, 4, 5, 6, 7, 8);
        assertEquals(1, t.weight.value().rows);
        assertEquals(8, t.weight.value().cols);
        assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12, 14, 16}, run(t, new float[] {2}));
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolutionWithTheSameWeights() {
        // <conv(x), y> = <x, conv_transpose(y)> when both read one tensor w: (A, B, k, k) is Conv2d(B -> A)'s
        // (out, in, k, k) and ConvTranspose2d(A -> B)'s (in, out, k, k). This is how PyTorch relates the two.
        Shape image = Shape.image(3, 9, 8);
        Conv2d c = new Conv2d("c", image, 4, 4, 2, 1, Activation.IDENTITY);
        ConvTranspose2d t = new ConvTranspose2d("t", c.outputShape(), 3, 4, 2, 1, Activation.IDENTITY);
        assertEquals(Shape.image(4, 4, 4), c.outputShape());
        assertEquals(Shape.image(3, 8, 8), t.outputShape()); // 9 rows do not come back: stride 2 drops the last one
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < c.weight.value().data.length; i++) {
            c.weight.value().data[i] = (float) r.nextGaussian();
        }
        c.weight.value().changed();
        t.weight.value().copyFrom(c.weight.value());
        float[] x = new float[image.size()];
        float[] y = new float[c.outputShape().size()];
        for (int i = 0; i < x.length; i++) {
            // the last row of each channel is never read by the convolution; zero it so both sides see the same x
            x[i] = (i % (9 * 8)) / 8 == 8 ? 0f : (float) r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) r.nextGaussian();
        }
        float[] cx = run(c, x);
        float[] ty = run(t, y);
        double left = 0;
        for (int i = 0; i < y.length; i++) {
            left += cx[i] * (double) y[i];
        }
        double right = 0;
        for (int ch = 0; ch < 3; ch++) {
            for (int row = 0; row < 8; row++) {
                for (int col = 0; col < 8; col++) {
                    right += x[(ch * 9 + row) * 8 + col] * (double) ty[(ch * 8 + row) * 8 + col];
                }
            }
        }
        assertEquals(left, right, 1e-4 * Math.abs(left));
    }

    @Test
    void shapesFollowPyTorchsFormulas() {
        Network enc = Network.builder("encoder", Shape.image(1, 28, 28))
                .conv2d(32, 4, 2, 1, Activation.RELU)
                .conv2d(64, 4, 2, 1, Activation.RELU)
                .flatten()
                .build();
        assertEquals(Shape.features(64 * 7 * 7), enc.outputShape());
        Network dec = Network.builder("decoder", Shape.features(64 * 7 * 7))
                .reshape(Shape.image(64, 7, 7))
                .convTranspose2d(32, 4, 2, 1, Activation.RELU)
                .convTranspose2d(1, 4, 2, 1, Activation.IDENTITY)
                .build();
        assertEquals(Shape.image(1, 28, 28), dec.outputShape());
        // (64 + 2*2 - 3) / 2 + 1 = 33 (floor), and (33 - 1) * 2 - 2*2 + 3 = 63 back
        Conv2d odd = new Conv2d("c", Shape.image(1, 64, 64), 3, 3, 2, 2, Activation.RELU);
        assertEquals(Shape.image(3, 33, 33), odd.outputShape());
        assertEquals(Shape.image(1, 63, 63),
                new ConvTranspose2d("t", odd.outputShape(), 1, 3, 2, 2, Activation.RELU).outputShape());
    }

    @Test
    void parametersAreNamedByPositionAsInNnSequential() {
        Network net = Network.builder("encoder", Shape.image(1, 8, 8))
                .conv2d(2, 4, 2, 1, Activation.RELU)
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
        assertEquals(java.util.List.of("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias"),
                net.parameters().stream().map(Parameter::name).toList());
    }

    @Test
    void aLayerRefusesAShapeItWasNotBuiltFor() {
        Conv2d c = new Conv2d("encoder.0", Shape.image(1, 28, 28), 32, 4, 2, 1, Activation.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.outputShape(Shape.image(3, 28, 28)));
        assertTrue(e.getMessage().contains("encoder.0") && e.getMessage().contains("1x28x28")
                && e.getMessage().contains("3x28x28"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Network.builder("d", Shape.features(10)).reshape(Shape.image(2, 2, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> Network.builder("e", Shape.image(1, 3, 3)).conv2d(1, 5, 1, 0, Activation.RELU));
    }

    @Test
    void aCopyHasTheSameValuesAndItsOwnBuffers() {
        Network net = Network.builder("n", Shape.image(2, 6, 6)).conv2d(3, 3, 2, 1, Activation.TANH).flatten()
                .dense(4, Activation.IDENTITY).build();
        net.init(new SplittableRandom(2));
        Network copy = net.copy();
        float[] x = new float[2 * 72];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        float[] a = net.forward(new Matrix(2, 72, x.clone())).data.clone();
        net.parameters().get(0).value().data[0] += 1f;
        net.parameters().get(0).value().changed();
        float[] b = copy.forward(new Matrix(2, 72, x.clone())).data;
        assertArrayEquals(a, b);
        assertEquals(net.parameters().stream().map(Parameter::name).toList(),
                copy.parameters().stream().map(Parameter::name).toList());
    }
}

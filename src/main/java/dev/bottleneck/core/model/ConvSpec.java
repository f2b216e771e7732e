package dev.bottleneck.core.model;

import java.util.List;

/**
 * The architecture of a convolutional encoder and its mirror-image decoder (built by {@link ConvNets}): a stack of
 * {@link Conv2d} layers with the given output channels, all with the same square kernel, stride and padding, then
 * dense layers of the given widths; the decoder runs the same widths backwards with {@link ConvTranspose2d} layers.
 *
 * @param channels output channels of each convolution, image side first; 1..8 layers of 1..1024
 * @param kernel kernel side, 1..15
 * @param stride stride, 1..kernel
 * @param padding zero padding on every side, 0..kernel-1
 * @param dense widths of the dense layers between the convolutions and the code, 0..8 layers of 1..8192
 */
public record ConvSpec(List<Integer> channels, int kernel, int stride, int padding, List<Integer> dense) {

    /** Side and stride of every default: 4x4 kernels with stride 2 and padding 1 halve an even-sized image. */
    public static final int KERNEL = 4;
    public static final int STRIDE = 2;
    public static final int PADDING = 1;

    public ConvSpec {
        if (channels == null || channels.isEmpty() || channels.size() > 8) {
            throw new IllegalArgumentException("a convolutional net needs 1..8 convolutions, not " + channels);
        }
        for (Integer c : channels) {
            if (c == null || c < 1 || c > 1024) {
                throw new IllegalArgumentException("convolution channels must be 1..1024, not " + channels);
            }
        }
        if (kernel < 1 || kernel > 15 || stride < 1 || stride > kernel || padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("a convolution needs kernel 1..15, stride 1..kernel and padding "
                    + "0..kernel-1, not kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
        dense = dense == null ? List.of() : List.copyOf(dense);
        if (dense.size() > 8 || dense.stream().anyMatch(d -> d == null || d < 1 || d > 8192)) {
            throw new IllegalArgumentException("dense layer sizes must be 0..8 layers of 1..8192, not " + dense);
        }
        channels = List.copyOf(channels);
    }

    /**
     * Burgess et al. 2018 ("Understanding disentangling in beta-VAE", appendix A.1) for 64x64 images: four
     * convolutions of 32 channels, 4x4, stride 2 (64 -> 32 -> 16 -> 8 -> 4), then dense 256, 256.
     */
    public static ConvSpec burgess64() {
        return new ConvSpec(List.of(32, 32, 32, 32), KERNEL, STRIDE, PADDING, List.of(256, 256));
    }

    /**
     * The default for an image: Burgess et al.'s net for 64x64; for 28x28 (MNIST) the proportionate
     * conv 32 (-> 14), conv 64 (-> 7), dense 256; for 32x32 conv 32 (-> 16), 32 (-> 8), 64 (-> 4), dense 256.
     * Any other size halves its sides while both are even and at least 8 (at most four times, channels 32 then 64),
     * dense 256.
     *
     * @throws IllegalArgumentException for an image too small or odd-sized to halve even once
     */
    public static ConvSpec defaultFor(Shape image) {
        int h = image.height();
        int w = image.width();
        if (h == 64 && w == 64) {
            return burgess64();
        }
        if (h == 28 && w == 28) {
            return new ConvSpec(List.of(32, 64), KERNEL, STRIDE, PADDING, List.of(256));
        }
        if (h == 32 && w == 32) {
            return new ConvSpec(List.of(32, 32, 64), KERNEL, STRIDE, PADDING, List.of(256));
        }
        List<Integer> channels = new java.util.ArrayList<>();
        while (channels.size() < 4 && h % 2 == 0 && w % 2 == 0 && h >= 8 && w >= 8) {
            channels.add(channels.size() < 2 ? 32 : 64);
            h /= 2;
            w /= 2;
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no default convolutional net for " + image
                    + " images: the sides must be even and at least 8");
        }
        return new ConvSpec(channels, KERNEL, STRIDE, PADDING, List.of(256));
    }
}

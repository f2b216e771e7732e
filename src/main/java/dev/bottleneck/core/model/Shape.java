package dev.bottleneck.core.model;

/**
 * The shape of one example as a layer sees it: {@code channels x height x width} for an image, {@code features x 1 x 1}
 * for a flat vector. A batch of {@code n} examples is always an {@code n x size()} {@link Matrix}, one example per row,
 * an image flattened in PyTorch's NCHW order (channel, then row, then column), so a reshape never moves data.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a shape needs positive sizes, not " + channels + "x" + height + "x"
                    + width);
        }
        Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** A flat vector of {@code n} features. */
    public static Shape features(int n) {
        return new Shape(n, 1, 1);
    }

    /** An image of {@code channels x height x width}. */
    public static Shape image(int channels, int height, int width) {
        return new Shape(channels, height, width);
    }

    /** A dataset's example shape as the model sees it: an image stays an image, anything else is a flat vector. */
    public static Shape of(dev.bottleneck.core.data.SampleShape s) {
        return s.image() ? image(s.channels(), s.height(), s.width()) : features(s.size());
    }

    /** Numbers per example: {@code channels * height * width}. */
    public int size() {
        return channels * height * width;
    }

    /** Pixels per channel: {@code height * width}. */
    public int area() {
        return height * width;
    }

    /** True for a flat vector ({@code height = width = 1}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFlat() {
        return height == 1 && width == 1;
    }

    @Override
    public String toString() {
        return isFlat() ? Integer.toString(channels) : channels + "x" + height + "x" + width;
    }
}

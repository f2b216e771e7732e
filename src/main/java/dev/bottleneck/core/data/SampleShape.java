package dev.bottleneck.core.data;

/**
 * The shape of one example: an image of {@code channels x height x width}, stored channel-major (all of channel 0,
 * row by row, then channel 1, ...), or a flat vector of {@code width} numbers (point data such as the toy sets).
 */
public record SampleShape(int channels, int height, int width, boolean image) {

    public SampleShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
        if (!image && (channels != 1 || height != 1)) {
            throw new IllegalArgumentException("a vector shape has one channel and one row");
        }
    }

    /** An image of the given channel count (1 = grey, 3 = RGB) and size. */
    public static SampleShape image(int channels, int height, int width) {
        return new SampleShape(channels, height, width, true);
    }

    /** A flat vector of {@code dims} numbers. */
    public static SampleShape vector(int dims) {
        return new SampleShape(1, 1, dims, false);
    }

    /** Numbers per example. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return image ? channels + "x" + height + "x" + width : "vector(" + width + ")";
    }
}

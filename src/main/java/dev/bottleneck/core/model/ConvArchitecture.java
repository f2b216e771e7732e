package dev.bottleneck.core.model;

import java.util.List;

/**
 * What a convolutional config adds to an MLP's: the image the model takes and the architecture of its encoder and
 * mirror-image decoder ({@link ConvNets}). Checked by shape arithmetic alone when made, so a saved or typed
 * architecture whose transposed convolutions cannot give the image back is refused before anything is allocated.
 *
 * @param image the shape of one example, {@code channels x height x width}
 * @param spec the convolutions and dense layers
 */
public record ConvArchitecture(Shape image, ConvSpec spec) {

    public ConvArchitecture {
        if (image == null || spec == null) {
            throw new IllegalArgumentException("a convolutional model needs an image shape and an architecture");
        }
        if (image.isFlat()) {
            throw new IllegalArgumentException("a convolutional model needs images, not vectors of " + image.size()
                    + " numbers");
        }
        List<Shape> shapes = ConvNets.convShapes(image, spec);
        for (int i = shapes.size() - 1; i > 0; i--) {
            Shape in = shapes.get(i);
            Shape want = shapes.get(i - 1);
            long oh = (long) (in.height() - 1) * spec.stride() - 2L * spec.padding() + spec.kernel();
            long ow = (long) (in.width() - 1) * spec.stride() - 2L * spec.padding() + spec.kernel();
            if (oh != want.height() || ow != want.width()) {
                throw new IllegalArgumentException("the decoder of " + describe(spec) + " cannot give back "
                        + want.height() + "x" + want.width() + " from " + in.height() + "x" + in.width()
                        + ": use image sides that every stride divides");
            }
        }
    }

    /** The default architecture for {@code image} ({@link ConvSpec#defaultFor}). */
    public static ConvArchitecture defaultFor(Shape image) {
        return new ConvArchitecture(image, ConvSpec.defaultFor(image));
    }

    /** The shape after each convolution of the encoder, the image first. */
    public List<Shape> shapes() {
        return ConvNets.convShapes(image, spec);
    }

    /** The architecture in a line: {@code 1x28x28 conv 32, 64 (4x4, stride 2, padding 1)}. */
    static String describe(ConvSpec spec) {
        StringBuilder sb = new StringBuilder("conv ");
        for (int i = 0; i < spec.channels().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(spec.channels().get(i));
        }
        return sb.append(" (").append(spec.kernel()).append('x').append(spec.kernel()).append(", stride ")
                .append(spec.stride()).append(", padding ").append(spec.padding()).append(')').toString();
    }
}

package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns model outputs (channel-major floats in [0, 1]) into JavaFX images. */
public final class Images {

    private Images() {
    }

    /** An image of {@code values} ({@code shape.size()} numbers, clipped to [0, 1]); grey or RGB. */
    public static WritableImage of(float[] values, SampleShape shape) {
        int w = shape.width();
        int h = shape.height();
        int[] argb = new int[w * h];
        int plane = w * h;
        for (int p = 0; p < plane; p++) {
            int r;
            int g;
            int b;
            if (shape.channels() >= 3) {
                r = byteOf(values[p]);
                g = byteOf(values[plane + p]);
                b = byteOf(values[2 * plane + p]);
            } else {
                r = g = b = byteOf(values[p]);
            }
            argb[p] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    /** Whether an example of this shape can be shown as a picture (not a point of a toy set). */
    public static boolean drawable(SampleShape shape) {
        return shape != null && shape.image();
    }

    /** An ImageView that shows pixels as crisp squares at {@code size} x {@code size} points. */
    public static ImageView view(double size) {
        ImageView v = new ImageView();
        v.setSmooth(false); // why: a 28x28 digit blown up must stay pixelated, not blurred
        v.setPreserveRatio(true);
        v.setFitWidth(size);
        v.setFitHeight(size);
        return v;
    }

    private static int byteOf(float v) {
        float c = v < 0f ? 0f : v > 1f ? 1f : v;
        return Math.round(c * 255f);
    }
}

package dev.bottleneck.ui;

import java.util.Arrays;

/**
 * Stamps small anti-aliased, alpha-blended discs (or rings) into an int buffer of premultiplied ARGB pixels
 * ({@code PixelFormat.getIntArgbPreInstance()}), starting from transparent.
 *
 * <p>Why not {@code GraphicsContext.fillOval}: every oval is a path for the software rasteriser, and 70,000 of them
 * cost an order of magnitude more than stamping a precomputed coverage mask (see {@code ScatterBench}).
 * The disc is centred on the pixel that contains the point, so positions are exact to half a pixel.
 * Rings of several sizes ({@link #setRingStyle}) are stamps too: one precomputed mask per size class and colour.
 */
final class DotRasterizer {

    private static final int SUPERSAMPLES = 4;

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private Stamp dot = Stamp.disc(1, 1, new int[] {0xFF000000});
    private Stamp[] rings = new Stamp[0];

    /** The pixel buffer, row-major, {@code width * height} long. Valid until the next {@link #resize}. */
    int[] pixels() {
        return pixels;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Makes the buffer {@code width x height}; keeps the array when it is large enough. */
    void resize(int width, int height) {
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        int n = this.width * this.height;
        if (pixels.length < n || pixels.length > 4 * n) {
            pixels = new int[n];
        }
    }

    void clear() {
        Arrays.fill(pixels, 0, width * height, 0);
    }

    /**
     * Prepares the disc for every colour.
     *
     * @param diameter disc diameter in buffer pixels
     * @param alpha opacity of a fully covered pixel, 0..1
     * @param argb the colours, non-premultiplied 0xAARRGGBB; the colour alpha is ignored
     */
    void setStyle(double diameter, double alpha, int[] argb) {
        dot = Stamp.disc(diameter, alpha, argb);
    }

    /**
     * Prepares hollow rings, one size class per entry of {@code diameters}, for every colour.
     *
     * @param diameters outer diameter of each size class in buffer pixels
     * @param lineWidth ring width in buffer pixels, measured inwards from the outer diameter
     * @param alpha opacity of a fully covered pixel, 0..1
     * @param argb the colours, non-premultiplied 0xAARRGGBB; the colour alpha is ignored
     */
    void setRingStyle(double[] diameters, double lineWidth, double alpha, int[] argb) {
        rings = new Stamp[diameters.length];
        for (int k = 0; k < diameters.length; k++) {
            double outer = Math.max(0.5, diameters[k] / 2);
            rings[k] = Stamp.of(outer, Math.max(0, outer - lineWidth), alpha, argb);
        }
    }

    /**
     * Draws the points in array order, point {@code i} at buffer position {@code (ax + kx * x[i], ay + ky * y[i])}
     * in colour {@code colour[i]} (or colour 0 when {@code colour} is null). Points off the buffer and points with a
     * non-finite coordinate are skipped. The arrays are read front to back: permute them rather than pass an index
     * order, random reads of three arrays of 70,000 cost more than the blending.
     */
    void draw(float[] x, float[] y, int[] colour, double ax, double kx, double ay, double ky) {
        for (int i = 0; i < x.length; i++) {
            stamp(dot, colour == null ? 0 : colour[i], ax + kx * x[i], ay + ky * y[i]);
        }
    }

    /**
     * Draws the points as rings, like {@link #draw}, point {@code i} in size class {@code sizeClass[i]} of the last
     * {@link #setRingStyle}.
     */
    void drawRings(float[] x, float[] y, int[] colour, int[] sizeClass, double ax, double kx, double ay, double ky) {
        for (int i = 0; i < x.length; i++) {
            stamp(rings[sizeClass[i]], colour == null ? 0 : colour[i], ax + kx * x[i], ay + ky * y[i]);
        }
    }

    private void stamp(Stamp s, int c, double fx, double fy) {
        int w = width;
        int h = height;
        int half = s.half;
        int size = s.size;
        // The negated test also rejects NaN.
        if (!(fx > -half - 1 && fx < w + half && fy > -half - 1 && fy < h + half)) {
            return;
        }
        int[] dst = pixels;
        int x0 = (int) Math.floor(fx) - half;
        int y0 = (int) Math.floor(fy) - half;
        int[] src = s.source[c];
        int[] keep = s.keep[c];
        int sx0 = Math.max(0, -x0);
        int sy0 = Math.max(0, -y0);
        int sx1 = Math.min(size, w - x0);
        int sy1 = Math.min(size, h - y0);
        for (int sy = sy0; sy < sy1; sy++) {
            int row = (y0 + sy) * w + x0;
            int srow = sy * size;
            for (int sx = sx0; sx < sx1; sx++) {
                int k = keep[srow + sx];
                if (k == 256) {
                    continue;
                }
                int d = dst[row + sx];
                int rb = ((d & 0x00FF00FF) * k >>> 8) & 0x00FF00FF;
                int ag = ((d >>> 8) & 0x00FF00FF) * k & 0xFF00FF00;
                dst[row + sx] = src[srow + sx] + (rb | ag);
            }
        }
    }

    /** A square coverage mask, {@code size = 2 * half + 1} pixels wide, premultiplied per colour. */
    private static final class Stamp {
        final int half;
        final int size;
        /** Per colour, per stamp pixel: the premultiplied ARGB to add, and 256 - its alpha to scale the destination. */
        final int[][] source;
        final int[][] keep;

        private Stamp(int half, int[][] source, int[][] keep) {
            this.half = half;
            this.size = 2 * half + 1;
            this.source = source;
            this.keep = keep;
        }

        static Stamp disc(double diameter, double alpha, int[] argb) {
            return of(Math.max(0.5, diameter / 2), 0, alpha, argb);
        }

        /** The annulus between {@code inner} and {@code outer} radius (a disc when inner is 0). */
        static Stamp of(double outer, double inner, double alpha, int[] argb) {
            int half = (int) Math.ceil(outer + 0.5) - 1;
            int size = 2 * half + 1;
            double[] coverage = new double[size * size];
            double o2 = outer * outer;
            double i2 = inner * inner;
            for (int py = 0; py < size; py++) {
                for (int px = 0; px < size; px++) {
                    int inside = 0;
                    for (int sy = 0; sy < SUPERSAMPLES; sy++) {
                        for (int sx = 0; sx < SUPERSAMPLES; sx++) {
                            double dx = px - half - 0.5 + (sx + 0.5) / SUPERSAMPLES;
                            double dy = py - half - 0.5 + (sy + 0.5) / SUPERSAMPLES;
                            double d2 = dx * dx + dy * dy;
                            inside += d2 <= o2 && (inner <= 0 || d2 > i2) ? 1 : 0;
                        }
                    }
                    coverage[py * size + px] = inside / (double) (SUPERSAMPLES * SUPERSAMPLES);
                }
            }
            int[][] source = new int[argb.length][size * size];
            int[][] keep = new int[argb.length][size * size];
            for (int c = 0; c < argb.length; c++) {
                int r = (argb[c] >> 16) & 0xFF;
                int g = (argb[c] >> 8) & 0xFF;
                int b = argb[c] & 0xFF;
                for (int p = 0; p < size * size; p++) {
                    int a = (int) Math.round(255 * alpha * coverage[p]);
                    source[c][p] = a << 24 | (r * a + 127) / 255 << 16 | (g * a + 127) / 255 << 8
                            | (b * a + 127) / 255;
                    keep[c][p] = 256 - a;
                }
            }
            return new Stamp(half, source, keep);
        }
    }
}

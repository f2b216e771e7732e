package dev.bottleneck.core.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A procedural dSprites-like dataset (Matthey et al. 2017): one white square, ellipse or heart on black, drawn at a
 * known shape, scale, rotation and position.
 *
 * <p>Every image is rendered analytically from its factors, so the stored {@link Factors} are exact: calling
 * {@link #render(int, float, float, float, float, int)} with an example's stored factors gives back its bytes, bit
 * for bit. Each pixel is the covered fraction of {@value #SUPERSAMPLING}x{@value #SUPERSAMPLING} sample points (a
 * point-in-shape test in the sprite's own rotated and scaled frame), so edges are antialiased.
 *
 * <p>Geometry. Each sprite is defined in a unit frame where it fits inside the unit disc: a square of half-side
 * 1/&radic;2, an ellipse with semi-axes 1 (horizontal at rotation 0) and 1/2, and the implicit heart
 * {@code (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0} shifted so its area centroid is the origin and scaled so its tip touches
 * the unit circle (pointing down at rotation 0). The sprite's radius in pixels is
 * {@code scale * RADIUS_FRACTION * size}. The centre is {@code (posX * size, posY * size)} in continuous pixel
 * coordinates (x to the right, y down, pixel (i, j) covers [i, i+1) x [j, j+1)); rotation turns the sprite
 * counter-clockwise on screen. Positions are drawn from [0.2, 0.8] ({@link #MIN_POSITION}, {@link #MAX_POSITION}),
 * which keeps even the largest sprite inside the image at every rotation, and keeps all five factors independent.
 *
 * <p>Rotation is drawn from [0, 2&pi;) for every shape even though the square looks the same after &pi;/2 and the
 * ellipse after &pi;, as in dSprites: the stored value is the one that was drawn.
 *
 * <p><b>dSprites mode.</b> {@link #dsprites(int)} is the factor grid of Matthey et al. 2017, "dSprites: Disentanglement
 * testing Sprites dataset", drawn by the same renderer over the same ranges as the continuous draws:
 * <pre>
 *   factor    values  index k            value recorded and drawn
 *   shape     3       0..2               k (square, ellipse, heart)
 *   scale     6       0..5               0.5 + 0.5 k / 5             = 0.5, 0.6, ..., 1.0 (as in dSprites)
 *   rotation  40      0..39              2 pi k / 40                 (radians; 0 to 2 pi, 2 pi itself excluded)
 *   posX      32      0..31              0.2 + 0.6 k / 31            (fraction of the width, the continuous range)
 *   posY      32      0..31              0.2 + 0.6 k / 31            (fraction of the height, 0 = top)
 *   sprite i = (((shape * 6 + scale) * 40 + rotation) * 32 + posX) * 32 + posY        737,280 sprites
 * </pre>
 * The order is dSprites' own (its latents_classes, without the single colour): posY varies fastest. dSprites lists
 * positions as 32 values over the whole [0, 1]; here they span [0.2, 0.8], the range of the continuous draws, where
 * the largest sprite stays inside the image at every rotation: a step of 0.6 / 31 of the side, 1.24 pixels at 64 and
 * 0.62 pixels at 32, which the antialiased edges still show. The images are the renderer's 8-bit antialiased ones,
 * not dSprites' binary ones, so a model moves between the grid and the continuous draws unchanged. The recorded
 * {@link Factors} are these exact values, marked discrete, and every image is rendered from them when it is read
 * (nothing but the factors and labels is stored: 24 bytes per sprite, 28 in a subset, which also keeps its key).
 */
public final class ShapesDataset {

    /** Factor value and label of the square. */
    public static final int SQUARE = 0;
    /** Factor value and label of the ellipse. */
    public static final int ELLIPSE = 1;
    /** Factor value and label of the heart. */
    public static final int HEART = 2;

    /** Factor names, in the order stored per example. */
    public static final List<String> FACTOR_NAMES = List.of("shape", "scale", "rotation", "posX", "posY");
    /** Class names of the labels (the shape). */
    public static final List<String> SHAPE_NAMES = List.of("square", "ellipse", "heart");

    /** Which factors of the continuous draws are discrete: only the shape. */
    private static final List<Boolean> CONTINUOUS_DRAW_DISCRETE = List.of(true, false, false, false, false);

    /** Smallest scale factor (as in dSprites). */
    public static final float MIN_SCALE = 0.5f;
    /** Largest scale factor. */
    public static final float MAX_SCALE = 1.0f;
    /** Radius of a sprite of scale 1, as a fraction of the image side. */
    public static final double RADIUS_FRACTION = 0.2;
    /** Smallest sprite centre coordinate, as a fraction of the image side: the largest sprite's radius. */
    public static final float MIN_POSITION = 0.2f;
    /** Largest sprite centre coordinate, as a fraction of the image side. */
    public static final float MAX_POSITION = 0.8f;
    /** Sample points per pixel along each axis. */
    public static final int SUPERSAMPLING = 4;
    /** Smallest supported image side; 32 and 64 are the intended sizes. */
    public static final int MIN_SIZE = 16;
    /** Largest supported image side. */
    public static final int MAX_SIZE = 256;

    /** Scales of the dSprites grid: 0.5 to 1 in 6 even steps. */
    public static final int DSPRITES_SCALES = 6;
    /** Rotations of the dSprites grid: 2 pi k / 40. */
    public static final int DSPRITES_ROTATIONS = 40;
    /** Positions of the dSprites grid along each axis. */
    public static final int DSPRITES_POSITIONS = 32;
    /** Sprites in the dSprites grid: 3 x 6 x 40 x 32 x 32 = 737,280. */
    public static final int DSPRITES_COUNT = 3 * DSPRITES_SCALES * DSPRITES_ROTATIONS * DSPRITES_POSITIONS
            * DSPRITES_POSITIONS;
    /** Image sides of the dSprites mode: 64 (dSprites' own) and 32. */
    public static final List<Integer> DSPRITES_SIZES = List.of(64, 32);

    private static final double TWO_PI = 2 * Math.PI;
    private static final double SQUARE_HALF_SIDE = Math.sqrt(0.5);
    /** Area centroid of the implicit heart (its x is 0 by symmetry). */
    private static final double HEART_CENTROID_Y = heartCentroidY();
    /** Distance from the centroid to the heart's farthest point, its tip at (0, -1). */
    private static final double HEART_RADIUS = 1 + HEART_CENTROID_Y;

    private ShapesDataset() {
    }

    /**
     * {@code count} random sprites of {@code size x size} pixels. Example {@code i} depends only on the seed and
     * {@code i}, so a smaller count gives a prefix of a larger one.
     *
     * @param count number of examples, at least 1
     * @param size  image side in pixels, {@value #MIN_SIZE}..{@value #MAX_SIZE} (32 or 64 intended)
     * @param seed  seed of the factor draws
     * @return a byte-backed dataset named {@code "shapes<size>"}, shape {@code 1 x size x size}, labels = shape,
     *         factors {@link #FACTOR_NAMES}
     */
    public static Dataset generate(int count, int size, long seed) {
        checkSize(size);
        if (count < 1) {
            throw new IllegalArgumentException("shapes: count must be at least 1, was " + count);
        }
        checkCapacity(count, size);
        SplittableRandom rng = new SplittableRandom(seed);
        int pixels = size * size;
        byte[] images = new byte[count * pixels];
        float[] factors = new float[count * FACTOR_NAMES.size()];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int shape = rng.nextInt(SHAPE_NAMES.size());
            float scale = (float) (MIN_SCALE + (MAX_SCALE - MIN_SCALE) * rng.nextDouble());
            float rotation = (float) (TWO_PI * rng.nextDouble());
            if (rotation >= (float) TWO_PI) { // float rounding reached 2 pi: the same angle as 0
                rotation = 0f;
            }
            float x = (float) (MIN_POSITION + (MAX_POSITION - MIN_POSITION) * rng.nextDouble());
            float y = (float) (MIN_POSITION + (MAX_POSITION - MIN_POSITION) * rng.nextDouble());
            store(i, shape, scale, rotation, x, y, size, images, factors, labels);
        }
        return Dataset.ofBytes("shapes" + size, SampleShape.image(1, size, size), images,
                new Labels(labels, SHAPE_NAMES), new Factors(FACTOR_NAMES, factors, CONTINUOUS_DRAW_DISCRETE));
    }

    /**
     * Every combination of discretised factors, like dSprites: shape (3) x scale x rotation x posX x posY, with posY
     * varying fastest. Scales and positions are evenly spaced over their full ranges (the midpoint when only one
     * value is asked for); rotations are {@code 2 pi k / rotations}, {@code k = 0 .. rotations - 1}. The factors are
     * recorded exactly, marked discrete; the images are rendered from them when read, so the grid holds 24 bytes per
     * sprite (its factors and label) whatever the image size.
     *
     * @return a dataset named {@code "shapes<size>-grid"} of {@code 3 * scales * rotations * positions^2} examples,
     *         rendered on demand ({@link Dataset#isRendered()})
     */
    public static Dataset grid(int size, int scales, int rotations, int positions) {
        checkSize(size);
        if (scales < 1 || rotations < 1 || positions < 1) {
            throw new IllegalArgumentException("shapes grid: scales, rotations and positions must each be at least 1, "
                    + "were " + scales + ", " + rotations + ", " + positions);
        }
        return new Grid(scales, rotations, positions).dataset("shapes" + size + "-grid", size);
    }

    /**
     * The whole dSprites grid (see the class comment for the factor values and the order): 737,280 sprites of
     * {@code size x size} pixels, rendered when read.
     *
     * @param size 64 (named {@code "dsprites"}) or 32 ({@code "dsprites32"})
     */
    public static Dataset dsprites(int size) {
        return dsprites(size, 0, 0L);
    }

    /**
     * {@code count} sprites of the dSprites grid drawn at random without replacement, kept in grid order: the first
     * {@code count} of a seeded permutation of the grid, so the same seed gives the same sprites and a smaller count
     * a subset of a larger one. Spread over the whole grid, every factor value is about equally represented.
     *
     * @param size  64 or 32
     * @param count 1..{@value #DSPRITES_COUNT}, or 0 for the whole grid
     * @param seed  seed of the draw (unused for the whole grid)
     */
    public static Dataset dsprites(int size, int count, long seed) {
        if (!DSPRITES_SIZES.contains(size)) {
            throw new IllegalArgumentException("dSprites: the image size must be 64 or 32 pixels, was " + size);
        }
        if (count < 0 || count > DSPRITES_COUNT) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "dSprites: %,d sprites asked for, "
                    + "but the grid (3 shapes x 6 scales x 40 rotations x 32 x 32 positions) has %,d; allowed: 0 "
                    + "(the whole grid) or 1..%,d", count, DSPRITES_COUNT, DSPRITES_COUNT));
        }
        String name = size == 64 ? "dsprites" : "dsprites" + size;
        Dataset all = new Grid(DSPRITES_SCALES, DSPRITES_ROTATIONS, DSPRITES_POSITIONS).dataset(name, size);
        if (count == 0 || count == DSPRITES_COUNT) {
            return all;
        }
        int[] keys = java.util.Arrays.copyOf(Splits.permutation(DSPRITES_COUNT, seed), count);
        java.util.Arrays.sort(keys);
        return all.subset(name, keys);
    }

    /**
     * A factor grid: the value tables of each factor, computed once, from which both the recorded factors and the
     * rendered images are read, so the two can never disagree.
     */
    private static final class Grid {
        private final float[] scales;
        private final float[] rotations;
        private final float[] positions;
        private final int count;

        Grid(int scaleCount, int rotationCount, int positionCount) {
            long total = (long) SHAPE_NAMES.size() * scaleCount * rotationCount * positionCount * positionCount;
            if (total * FACTOR_NAMES.size() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shapes grid: " + total + " examples are too many: their "
                        + FACTOR_NAMES.size() + " factors each do not fit in one array");
            }
            count = (int) total;
            scales = new float[scaleCount];
            for (int k = 0; k < scaleCount; k++) {
                scales[k] = spaced(k, scaleCount, MIN_SCALE, MAX_SCALE);
            }
            rotations = new float[rotationCount];
            for (int k = 0; k < rotationCount; k++) {
                rotations[k] = (float) (TWO_PI * k / rotationCount);
            }
            positions = new float[positionCount];
            for (int k = 0; k < positionCount; k++) {
                positions[k] = spaced(k, positionCount, MIN_POSITION, MAX_POSITION);
            }
        }

        /** Example {@code key}'s factor values, {@link #FACTOR_NAMES} order, into {@code out} at {@code offset}. */
        void factors(int key, float[] out, int offset) {
            int p = positions.length;
            out[offset + 4] = positions[key % p];
            out[offset + 3] = positions[key / p % p];
            int rest = key / p / p;
            out[offset + 2] = rotations[rest % rotations.length];
            rest /= rotations.length;
            out[offset + 1] = scales[rest % scales.length];
            out[offset] = rest / scales.length;
        }

        Dataset dataset(String name, int size) {
            int width = FACTOR_NAMES.size();
            float[] values = new float[count * width];
            int[] labels = new int[count];
            for (int key = 0; key < count; key++) {
                factors(key, values, key * width);
                labels[key] = (int) values[key * width];
            }
            RenderedRows.Renderer renderer = (key, dst, offset) -> {
                float[] f = new float[FACTOR_NAMES.size()];
                factors(key, f, 0);
                renderInto((int) f[0], f[1], f[2], f[3], f[4], size, dst, offset);
            };
            return Dataset.rendered(name, SampleShape.image(1, size, size), count, renderer,
                    new Labels(labels, SHAPE_NAMES), Factors.discrete(FACTOR_NAMES, values));
        }
    }

    /**
     * Renders one sprite: the exact definition of what a set of factors looks like.
     *
     * @param shape    {@link #SQUARE}, {@link #ELLIPSE} or {@link #HEART}
     * @param scale    sprite scale; radius in pixels is {@code scale * RADIUS_FRACTION * size}
     * @param rotation counter-clockwise rotation in radians
     * @param x        centre, as a fraction of the image width
     * @param y        centre, as a fraction of the image height (0 = top)
     * @param size     image side in pixels
     * @return {@code size x size} grey bytes, row-major, 0 = black, 255 = fully covered
     */
    public static byte[] render(int shape, float scale, float rotation, float x, float y, int size) {
        checkSize(size);
        if (shape < 0 || shape >= SHAPE_NAMES.size()) {
            throw new IllegalArgumentException("shape must be 0 (square), 1 (ellipse) or 2 (heart), was " + shape);
        }
        if (!(scale > 0) || !Float.isFinite(scale) || !Float.isFinite(rotation) || !Float.isFinite(x)
                || !Float.isFinite(y)) {
            throw new IllegalArgumentException("render: scale must be positive and all factors finite: scale " + scale
                    + ", rotation " + rotation + ", x " + x + ", y " + y);
        }
        byte[] out = new byte[size * size];
        renderInto(shape, scale, rotation, x, y, size, out, 0);
        return out;
    }

    /** True when the unit-frame point (u, v), v pointing up, lies in the shape. Package-private for tests. */
    static boolean contains(int shape, double u, double v) {
        switch (shape) {
            case SQUARE:
                return Math.abs(u) <= SQUARE_HALF_SIDE && Math.abs(v) <= SQUARE_HALF_SIDE;
            case ELLIPSE:
                return u * u + 4 * v * v <= 1;
            default:
                double hx = u * HEART_RADIUS;
                double hy = v * HEART_RADIUS + HEART_CENTROID_Y;
                double q = hx * hx + hy * hy - 1;
                return q * q * q - hx * hx * hy * hy * hy <= 0;
        }
    }

    private static void store(int i, int shape, float scale, float rotation, float x, float y, int size,
            byte[] images, float[] factors, int[] labels) {
        renderInto(shape, scale, rotation, x, y, size, images, i * size * size);
        int k = i * FACTOR_NAMES.size();
        factors[k] = shape;
        factors[k + 1] = scale;
        factors[k + 2] = rotation;
        factors[k + 3] = x;
        factors[k + 4] = y;
        labels[i] = shape;
    }

    /** Writes the sprite's non-zero pixels into {@code dst} (which must be zero there) at {@code offset}. */
    private static void renderInto(int shape, float scale, float rotation, float x, float y, int size, byte[] dst,
            int offset) {
        double radius = scale * RADIUS_FRACTION * size; // pixels
        double inv = 1 / radius;
        double cx = x * (double) size;
        double cy = y * (double) size;
        double cos = StrictMath.cos(rotation); // StrictMath: identical bits on every JVM and platform
        double sin = StrictMath.sin(rotation);
        int x0 = Math.max(0, (int) Math.floor(cx - radius));
        int x1 = Math.min(size - 1, (int) Math.floor(cx + radius));
        int y0 = Math.max(0, (int) Math.floor(cy - radius));
        int y1 = Math.min(size - 1, (int) Math.floor(cy + radius));
        int n = SUPERSAMPLING;
        int samples = n * n;
        for (int row = y0; row <= y1; row++) {
            for (int col = x0; col <= x1; col++) {
                int hits = 0;
                for (int a = 0; a < n; a++) {
                    double dy = (cy - (row + (a + 0.5) / n)) * inv; // up is positive
                    for (int b = 0; b < n; b++) {
                        double dx = ((col + (b + 0.5) / n) - cx) * inv;
                        double u = dx * cos + dy * sin; // rotate the point by -rotation into the sprite's frame
                        double v = -dx * sin + dy * cos;
                        if (contains(shape, u, v)) {
                            hits++;
                        }
                    }
                }
                if (hits > 0) {
                    dst[offset + row * size + col] = (byte) ((hits * 255 + samples / 2) / samples);
                }
            }
        }
    }

    /** The area centroid's y of the implicit heart, by the midpoint rule on a fine grid (computed once). */
    private static double heartCentroidY() {
        int n = 1000;
        double xMax = 1.2; // the heart spans |x| <= 1.14, -1 <= y <= 1.24
        double yMin = -1.0;
        double yMax = 1.3;
        double dx = xMax / n;
        double dy = (yMax - yMin) / n;
        double area = 0;
        double moment = 0;
        for (int i = 0; i < n; i++) {
            double hx = (i + 0.5) * dx;
            for (int j = 0; j < n; j++) {
                double hy = yMin + (j + 0.5) * dy;
                double q = hx * hx + hy * hy - 1;
                if (q * q * q - hx * hx * hy * hy * hy <= 0) {
                    area += 1;
                    moment += hy;
                }
            }
        }
        return moment / area;
    }

    private static float spaced(int k, int n, float lo, float hi) {
        return n == 1 ? (lo + hi) / 2 : (float) (lo + ((double) hi - lo) * k / (n - 1));
    }

    private static void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("shapes: image size must be " + MIN_SIZE + ".." + MAX_SIZE
                    + " pixels (32 or 64 intended), was " + size);
        }
    }

    private static void checkCapacity(int count, int size) {
        long bytes = (long) count * size * size;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shapes: " + count + " images of " + size + "x" + size + " need "
                    + bytes + " bytes, more than one dataset can hold (2^31)");
        }
    }
}

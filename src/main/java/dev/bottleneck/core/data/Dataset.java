package dev.bottleneck.core.data;

import java.util.Objects;
import java.util.Optional;

/**
 * N examples of one {@link SampleShape}, with optional {@link Labels} and ground-truth {@link Factors}.
 *
 * <p>Values are floats; images are in [0, 1]. Image data read from 8-bit sources is kept as one byte per value
 * (value = byte / 255), so all 70,000 MNIST images take 55 MB rather than 220 MB. Procedural images can instead be
 * rendered when read ({@link RenderedRows}): the dataset then holds only a key per example, and every read draws the
 * 8-bit image again, bit for bit the same; the 737,280 sprites of the dSprites grid take 18 MB of labels and factors
 * instead of 3 GB of pixels. Instances are immutable: every "change" (subset, head) returns a new dataset that shares
 * nothing mutable with this one.
 */
public final class Dataset {

    private static final float INV_255 = 1f / 255f;
    /**
     * The factor by which an 8-bit value b becomes the float {@code (b & 0xFF) * BYTE_SCALE} (1f / 255f, rounded to
     * float once), in float arithmetic: what every read of byte-backed data computes.
     */
    public static final float BYTE_SCALE = INV_255;

    private final String name;
    private final SampleShape shape;
    private final int size;
    private final byte[] bytes;   // size x features, value = (b & 0xFF) / 255; null when float-backed
    private final float[] floats; // size x features; null when byte-backed
    private final RenderedRows rendered; // drawn per read; null when stored
    private final Labels labels;  // nullable
    private final Factors factors; // nullable

    private Dataset(String name, SampleShape shape, byte[] bytes, float[] floats, RenderedRows rendered, Labels labels,
            Factors factors) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        if (rendered != null) {
            this.size = rendered.size();
        } else {
            int length = bytes != null ? bytes.length : floats.length;
            if (length % shape.size() != 0) {
                throw new IllegalArgumentException(name + ": " + length + " values are not a whole number of "
                        + shape + " examples");
            }
            this.size = length / shape.size();
        }
        this.bytes = bytes;
        this.floats = floats;
        this.rendered = rendered;
        if (labels != null && labels.count() != size) {
            throw new IllegalArgumentException(name + ": " + labels.count() + " labels for " + size + " examples");
        }
        if (factors != null && factors.count() != size) {
            throw new IllegalArgumentException(name + ": factors for " + factors.count() + " examples, but " + size
                    + " examples");
        }
        this.labels = labels;
        this.factors = factors;
    }

    /**
     * A dataset of 8-bit values, {@code value = (b & 0xFF) / 255}. The array is taken, not copied.
     *
     * @param values row-major, {@code N x shape.size()}
     */
    public static Dataset ofBytes(String name, SampleShape shape, byte[] values, Labels labels, Factors factors) {
        return new Dataset(name, shape, Objects.requireNonNull(values, "values"), null, null, labels, factors);
    }

    /**
     * A dataset of {@code count} 8-bit images drawn when read: example {@code i} is what {@code renderer} draws for
     * key {@code i}, value {@code (b & 0xFF) / 255}. The renderer must be a pure function of the key, safe to call
     * from several threads at once (training and exploring read the same data).
     */
    static Dataset rendered(String name, SampleShape shape, int count, RenderedRows.Renderer renderer, Labels labels,
            Factors factors) {
        return new Dataset(name, shape, null, null, new RenderedRows(renderer, count, null, shape.size()), labels,
                factors);
    }

    /**
     * A dataset of float values. The array is taken, not copied.
     *
     * @param values row-major, {@code N x shape.size()}
     */
    public static Dataset ofFloats(String name, SampleShape shape, float[] values, Labels labels, Factors factors) {
        return new Dataset(name, shape, null, Objects.requireNonNull(values, "values"), null, labels, factors);
    }

    public String name() {
        return name;
    }

    public SampleShape shape() {
        return shape;
    }

    /** Number of examples. */
    public int size() {
        return size;
    }

    /** Numbers per example. */
    public int features() {
        return shape.size();
    }

    public Optional<Labels> labels() {
        return Optional.ofNullable(labels);
    }

    public Optional<Factors> factors() {
        return Optional.ofNullable(factors);
    }

    /** Label of example {@code i}; the dataset must have labels. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
        return labels.values()[i];
    }

    /** True when values are 8-bit, stored as bytes or rendered as bytes (and so lie in [0, 1]). */
    public boolean isByteBacked() {
        return bytes != null || rendered != null;
    }

    /** True when the images are drawn at every read rather than stored (see the class comment). */
    public boolean isRendered() {
        return rendered != null;
    }

    /** The rendered rows, or null when the values are stored. */
    RenderedRows renderedRows() {
        return rendered;
    }

    /** Value {@code feature} of example {@code example}. */
    public float value(int example, int feature) {
        if (rendered != null) {
            checkIndex(example);
            byte[] row = new byte[shape.size()];
            rendered.copyBytes(example, row, 0);
            return (row[feature] & 0xFF) * INV_255;
        }
        int k = example * shape.size() + feature;
        return bytes != null ? (bytes[k] & 0xFF) * INV_255 : floats[k];
    }

    /** Copies example {@code i} into {@code dst} at {@code offset}. */
    public void copyExample(int i, float[] dst, int offset) {
        if (rendered != null) {
            copyRendered(i, dst, offset, new byte[shape.size()]);
            return;
        }
        int d = shape.size();
        int src = i * d;
        if (bytes != null) {
            for (int j = 0; j < d; j++) {
                dst[offset + j] = (bytes[src + j] & 0xFF) * INV_255;
            }
        } else {
            System.arraycopy(floats, src, dst, offset, d);
        }
    }

    /**
     * Copies example {@code i}'s 8-bit values into {@code dst} at {@code offset}: the bytes b that
     * {@link #copyExample} turns into the floats {@code (b & 0xFF) * (1f / 255f)}, stored or rendered. What a file
     * export writes to keep the data exact in a quarter of the space.
     *
     * @throws IllegalStateException when the values are floats ({@link #isByteBacked()} is false)
     */
    public void copyExampleBytes(int i, byte[] dst, int offset) {
        checkIndex(i);
        if (rendered != null) {
            rendered.copyBytes(i, dst, offset);
        } else if (bytes != null) {
            System.arraycopy(bytes, i * shape.size(), dst, offset, shape.size());
        } else {
            throw new IllegalStateException(name + " holds floats, not bytes");
        }
    }

    /**
     * Copies {@code count} examples, {@code order[from] .. order[from + count - 1]}, into {@code dst} as a row-major
     * {@code count x features()} block: the minibatch of a training step.
     */
    public void copyBatch(int[] order, int from, int count, float[] dst) {
        int d = shape.size();
        byte[] row = rendered != null ? new byte[d] : null; // one render buffer per batch, never shared by threads
        for (int r = 0; r < count; r++) {
            if (row != null) {
                copyRendered(order[from + r], dst, r * d, row);
            } else {
                copyExample(order[from + r], dst, r * d);
            }
        }
    }

    /** Draws example {@code i} into {@code row}, then writes it to {@code dst} at {@code offset} as floats. */
    private void copyRendered(int i, float[] dst, int offset, byte[] row) {
        checkIndex(i);
        rendered.copyBytes(i, row, 0);
        for (int j = 0; j < row.length; j++) {
            dst[offset + j] = (row[j] & 0xFF) * INV_255;
        }
    }

    /**
     * All values as one row-major {@code size() x features()} float array (a copy).
     *
     * @throws IllegalStateException when a rendered dataset has more values than one array holds
     */
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
        }
        if (rendered != null) {
            long values = (long) size * shape.size();
            if (values > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s: %,d examples of %,d "
                        + "numbers are %,d numbers, more than one float array holds; take a subset of it first",
                        name, size, shape.size(), values));
            }
            float[] out = new float[(int) values];
            byte[] row = new byte[shape.size()];
            for (int i = 0; i < size; i++) {
                copyRendered(i, out, i * shape.size(), row);
            }
            return out;
        }
        float[] out = new float[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            out[k] = (bytes[k] & 0xFF) * INV_255;
        }
        return out;
    }

    /** The examples at {@code indices}, in that order, with their labels and factors. */
    public Dataset subset(String subsetName, int[] indices) {
        int d = shape.size();
        Labels l = labels == null ? null : labels.subset(indices);
        Factors f = factors == null ? null : factors.subset(indices);
        if (rendered != null) {
            for (int i : indices) {
                checkIndex(i);
            }
            return new Dataset(subsetName, shape, null, null, rendered.subset(indices), l, f);
        }
        if (bytes != null) {
            byte[] out = new byte[indices.length * d];
            for (int i = 0; i < indices.length; i++) {
                checkIndex(indices[i]);
                System.arraycopy(bytes, indices[i] * d, out, i * d, d);
            }
            return new Dataset(subsetName, shape, out, null, null, l, f);
        }
        float[] out = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            System.arraycopy(floats, indices[i] * d, out, i * d, d);
        }
        return new Dataset(subsetName, shape, null, out, null, l, f);
    }

    /** The first {@code n} examples (all of them when {@code n >= size()}). */
    public Dataset head(int n) {
        int m = Math.min(n, size);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        return subset(name, idx);
    }

    /**
     * {@code n} examples spread evenly over the set, in order (all of them when {@code n >= size()}): indices
     * {@code floor(i * size / n)}. What a view or a metric takes from a large set instead of its {@link #head}: the
     * parts of a split keep their source's order, so a head of the dSprites grid's validation part holds only squares
     * of the smallest scales, where an even spread holds every shape and scale in proportion.
     */
    public Dataset spread(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a spread needs at least 1 example, not " + n);
        }
        if (n >= size) {
            return this;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * size / n);
        }
        return subset(name, idx);
    }

    /** Same data under another name. */
    public Dataset renamed(String newName) {
        return new Dataset(newName, shape, bytes, floats, rendered, labels, factors);
    }

    /** Smallest and largest value, {@code {min, max}}; {@code {0, 1}} for byte-backed data without scanning. */
    public float[] valueRange() {
        if (isByteBacked()) {
            return new float[] {0f, 1f};
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : floats) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** Mean of all values, in double precision. A rendered dataset draws every example once. */
    public double mean() {
        double s = 0;
        long n = (long) size * shape.size();
        if (isByteBacked()) {
            long[] hist = byteHistogram();
            long t = 0;
            for (int v = 0; v < 256; v++) {
                t += v * hist[v];
            }
            s = t / 255.0;
        } else {
            for (float v : floats) {
                s += v;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Population standard deviation of all values, in double precision. */
    public double standardDeviation() {
        double m = mean();
        double ss = 0;
        long n = (long) size * shape.size();
        if (isByteBacked()) {
            long[] hist = byteHistogram();
            for (int v = 0; v < 256; v++) {
                double dv = v / 255.0 - m;
                ss += hist[v] * dv * dv;
            }
        } else {
            for (float v : floats) {
                double dv = v - m;
                ss += dv * dv;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(ss / n);
    }

    /** How many values of 8-bit data equal each byte 0..255. */
    private long[] byteHistogram() {
        long[] hist = new long[256];
        if (bytes != null) {
            for (byte b : bytes) {
                hist[b & 0xFF]++;
            }
            return hist;
        }
        byte[] row = new byte[shape.size()];
        for (int i = 0; i < size; i++) {
            rendered.copyBytes(i, row, 0);
            for (byte b : row) {
                hist[b & 0xFF]++;
            }
        }
        return hist;
    }

    /**
     * Bytes this dataset holds in memory: its values (for a rendered dataset its keys), labels and factors. Shared
     * renderers and the JVM's object headers are not counted.
     */
    public long memoryBytes() {
        long data = rendered != null ? rendered.memoryBytes() : bytes != null ? bytes.length : 4L * floats.length;
        long lab = labels == null ? 0 : 4L * labels.count();
        long fac = factors == null ? 0 : 4L * factors.values().length;
        return data + lab + fac;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " of " + name + " (size " + size + ")");
        }
    }

    @Override
    public String toString() {
        return name + " (" + size + " x " + shape + (labels != null ? ", " + labels.classCount() + " classes" : "") + ")";
    }
}

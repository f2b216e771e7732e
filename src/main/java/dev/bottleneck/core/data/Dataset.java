package dev.bottleneck.core.data;

import java.util.Objects;
import java.util.Optional;

/**
 * N examples of one {@link SampleShape}, with optional {@link Labels} and ground-truth {@link Factors}.
 *
 * <p>Values are floats; images are in [0, 1]. Image data read from 8-bit sources is kept as one byte per value
 * (value = byte / 255), so all 70,000 MNIST images take 55 MB rather than 220 MB. Instances are immutable: every
 * "change" (subset, head) returns a new dataset that shares nothing mutable with this one.
 */
public final class Dataset {

    private static final float INV_255 = 1f / 255f;

    private final String name;
    private final SampleShape shape;
    private final int size;
    private final byte[] bytes;   // size x features, value = (b & 0xFF) / 255; null when float-backed
    private final float[] floats; // size x features; null when byte-backed
    private final Labels labels;  // nullable
    private final Factors factors; // nullable

    private Dataset(String name, SampleShape shape, byte[] bytes, float[] floats, Labels labels, Factors factors) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = Objects.requireNonNull(shape, "shape");
        int length = bytes != null ? bytes.length : floats.length;
        if (length % shape.size() != 0) {
            throw new IllegalArgumentException(name + ": " + length + " values are not a whole number of "
                    + shape + " examples");
        }
        this.size = length / shape.size();
        this.bytes = bytes;
        this.floats = floats;
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
        return new Dataset(name, shape, Objects.requireNonNull(values, "values"), null, labels, factors);
    }

    /**
     * A dataset of float values. The array is taken, not copied.
     *
     * @param values row-major, {@code N x shape.size()}
     */
    public static Dataset ofFloats(String name, SampleShape shape, float[] values, Labels labels, Factors factors) {
        return new Dataset(name, shape, null, Objects.requireNonNull(values, "values"), labels, factors);
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

    /** True when values are stored as bytes (and so lie in [0, 1]). */
    public boolean isByteBacked() {
        return bytes != null;
    }

    /** Value {@code feature} of example {@code example}. */
    public float value(int example, int feature) {
        int k = example * shape.size() + feature;
        return bytes != null ? (bytes[k] & 0xFF) * INV_255 : floats[k];
    }

    /** Copies example {@code i} into {@code dst} at {@code offset}. */
    public void copyExample(int i, float[] dst, int offset) {
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
     * Copies {@code count} examples, {@code order[from] .. order[from + count - 1]}, into {@code dst} as a row-major
     * {@code count x features()} block: the minibatch of a training step.
     */
    public void copyBatch(int[] order, int from, int count, float[] dst) {
        int d = shape.size();
        for (int r = 0; r < count; r++) {
            copyExample(order[from + r], dst, r * d);
        }
    }

    /** All values as one row-major {@code size() x features()} float array (a copy). */
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
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
        if (bytes != null) {
            byte[] out = new byte[indices.length * d];
            for (int i = 0; i < indices.length; i++) {
                checkIndex(indices[i]);
                System.arraycopy(bytes, indices[i] * d, out, i * d, d);
            }
            return new Dataset(subsetName, shape, out, null, l, f);
        }
        float[] out = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            System.arraycopy(floats, indices[i] * d, out, i * d, d);
        }
        return new Dataset(subsetName, shape, null, out, l, f);
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

    /** Same data under another name. */
    public Dataset renamed(String newName) {
        return new Dataset(newName, shape, bytes, floats, labels, factors);
    }

    /** Smallest and largest value, {@code {min, max}}; {@code {0, 1}} for byte-backed data without scanning. */
    public float[] valueRange() {
        if (bytes != null) {
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

    /** Mean of all values, in double precision. */
    public double mean() {
        double s = 0;
        long n = (long) size * shape.size();
        if (bytes != null) {
            long t = 0;
            for (byte b : bytes) {
                t += b & 0xFF;
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
        if (bytes != null) {
            long[] hist = new long[256];
            for (byte b : bytes) {
                hist[b & 0xFF]++;
            }
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

    /** Approximate bytes this dataset holds in memory. */
    public long memoryBytes() {
        long data = bytes != null ? bytes.length : 4L * floats.length;
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

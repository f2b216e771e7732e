package dev.bottleneck.core.model;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A dense row-major float matrix whose values live on the Java heap, with an off-heap mirror for BLAS.
 *
 * <p>Why two copies: measured on the 2-core machine (see BENCHMARKS.md), element-wise work in a plain Java loop over
 * a {@code float[]} is vectorised by the JIT and runs 7-17x faster than the same loop over a direct buffer or an
 * ND4J in-place op (Adam over 1.07M parameters: 0.5 ms on the heap, 3.6 ms on a direct buffer, 8.6 ms as ND4J's
 * native updater), while OpenBLAS's sgemm needs native memory. So values live in {@link #data}, and
 * {@link Blas#gemm} copies an operand to its mirror only when the heap side changed since the last copy. Code that
 * writes {@link #data} directly must call {@link #changed()} afterwards.
 */
public final class Matrix {

    /** Row-major values, {@code rows x cols}. */
    public final float[] data;
    public final int rows;
    public final int cols;
    private FloatPointer mirror; // lazily allocated, rows x cols
    private boolean mirrorCurrent;

    public Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new float[Math.multiplyExact(rows, cols)];
    }

    /** Wraps {@code data} (taken, not copied) as a {@code rows x cols} matrix. */
    public Matrix(int rows, int cols, float[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(data.length + " values for a " + rows + "x" + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public int size() {
        return data.length;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    /** Marks the heap values as changed: the next BLAS call copies them to the native mirror. */
    public void changed() {
        mirrorCurrent = false;
    }

    /** Copies {@code src} into this matrix (same size). */
    public void copyFrom(Matrix src) {
        System.arraycopy(src.data, 0, data, 0, data.length);
        mirrorCurrent = false;
    }

    /** A deep copy without the native mirror. */
    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** The native mirror, brought up to date with the heap values. */
    FloatPointer pushed() {
        if (mirror == null) {
            mirror = new FloatPointer(Math.max(1, data.length));
            mirrorCurrent = false;
        }
        if (!mirrorCurrent) {
            mirror.put(data, 0, data.length);
            mirrorCurrent = true;
        }
        return mirror;
    }

    /** The native mirror as a BLAS output; call {@link #pulled()} after BLAS wrote to it. */
    FloatPointer forOutput(boolean keepValues) {
        if (keepValues) {
            return pushed();
        }
        if (mirror == null) {
            mirror = new FloatPointer(Math.max(1, data.length));
        }
        return mirror;
    }

    /** Copies what BLAS wrote in the mirror back to the heap values; both sides are then current. */
    void pulled() {
        mirror.get(data, 0, data.length);
        mirrorCurrent = true;
    }

    /** Frees the native mirror now rather than at garbage collection. */
    public void release() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
            mirrorCurrent = false;
        }
    }

    @Override
    public String toString() {
        return "Matrix(" + rows + "x" + cols + ")";
    }
}

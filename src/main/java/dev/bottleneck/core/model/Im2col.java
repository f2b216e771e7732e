package dev.bottleneck.core.model;

/**
 * The sliding window of a 2-d convolution over one {@code c x h x w} example (NCHW, row-major): a {@code k x k}
 * kernel moved by {@code s} pixels over the input padded with {@code p} zeros on every side, giving
 * {@code oh x ow} window positions.
 *
 * <p>{@link #im2col} lays every window out as one row of a matrix, so a convolution becomes one matrix product on
 * BLAS: for a batch of {@code n}, {@code cols} is {@code (n * oh * ow) x (c * k * k)}, row {@code b * oh * ow +
 * oy * ow + ox}, column {@code (ci * k + ki) * k + kj}: the order of PyTorch's weight {@code (out, in, kH, kW)}
 * flattened per output channel. {@link #col2im} is its adjoint (it adds every window back onto the pixels it
 * covered).
 */
final class Im2col {

    final int c;
    final int h;
    final int w;
    final int k;
    final int s;
    final int p;
    final int oh;
    final int ow;

    Im2col(int c, int h, int w, int k, int s, int p) {
        if (k < 1 || s < 1 || p < 0 || p >= k) {
            throw new IllegalArgumentException("a convolution needs kernel >= 1, stride >= 1 and 0 <= padding < kernel,"
                    + " not kernel " + k + ", stride " + s + ", padding " + p);
        }
        if (h + 2 * p < k || w + 2 * p < k) {
            throw new IllegalArgumentException("a " + k + "x" + k + " kernel with padding " + p
                    + " does not fit a " + h + "x" + w + " image");
        }
        this.c = c;
        this.h = h;
        this.w = w;
        this.k = k;
        this.s = s;
        this.p = p;
        this.oh = (h + 2 * p - k) / s + 1;
        this.ow = (w + 2 * p - k) / s + 1;
    }

    /** Window positions per example: {@code oh * ow}. */
    int positions() {
        return oh * ow;
    }

    /** Numbers per window: {@code c * k * k}. */
    int patch() {
        return c * k * k;
    }

    /** Writes the windows of examples {@code [from, to)} of {@code x} ({@code n x c*h*w}) into their rows of {@code cols}. */
    void im2col(float[] x, float[] cols, int from, int to) {
        int area = h * w;
        int row = from * positions() * patch();
        for (int b = from; b < to; b++) {
            int xb = b * c * area;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * s - p;
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = ox * s - p;
                    boolean inside = x0 >= 0 && x0 + k <= w;
                    for (int ci = 0; ci < c; ci++) {
                        int xc = xb + ci * area;
                        for (int ki = 0; ki < k; ki++) {
                            int iy = y0 + ki;
                            if (iy < 0 || iy >= h) {
                                for (int kj = 0; kj < k; kj++) {
                                    cols[row++] = 0f;
                                }
                            } else if (inside) {
                                System.arraycopy(x, xc + iy * w + x0, cols, row, k);
                                row += k;
                            } else {
                                int xr = xc + iy * w;
                                for (int kj = 0; kj < k; kj++) {
                                    int ix = x0 + kj;
                                    cols[row++] = ix >= 0 && ix < w ? x[xr + ix] : 0f;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: sets examples {@code [from, to)} of {@code x} ({@code n x c*h*w}) to the sum,
     * over the windows that cover each pixel, of the matching entries of {@code cols}. Padding entries are dropped.
     */
    void col2im(float[] cols, float[] x, int from, int to) {
        int area = h * w;
        java.util.Arrays.fill(x, from * c * area, to * c * area, 0f);
        int row = from * positions() * patch();
        for (int b = from; b < to; b++) {
            int xb = b * c * area;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = oy * s - p;
                for (int ox = 0; ox < ow; ox++) {
                    int x0 = ox * s - p;
                    for (int ci = 0; ci < c; ci++) {
                        int xc = xb + ci * area;
                        for (int ki = 0; ki < k; ki++) {
                            int iy = y0 + ki;
                            if (iy < 0 || iy >= h) {
                                row += k;
                                continue;
                            }
                            int xr = xc + iy * w;
                            for (int kj = 0; kj < k; kj++) {
                                int ix = x0 + kj;
                                if (ix >= 0 && ix < w) {
                                    x[xr + ix] += cols[row];
                                }
                                row++;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * NCHW to one row per pixel: for examples {@code [from, to)},
     * {@code rows[(b * area + pos) * channels + ch] = nchw[(b * channels + ch) * area + pos]}.
     */
    static void toRows(float[] nchw, float[] rows, int channels, int area, int from, int to) {
        for (int b = from; b < to; b++) {
            int base = b * channels * area;
            for (int ch = 0; ch < channels; ch++) {
                int src = base + ch * area;
                int dst = base + ch;
                for (int pos = 0; pos < area; pos++) {
                    rows[dst + pos * channels] = nchw[src + pos];
                }
            }
        }
    }

    /** The inverse of {@link #toRows}. */
    static void fromRows(float[] rows, float[] nchw, int channels, int area, int from, int to) {
        for (int b = from; b < to; b++) {
            int base = b * channels * area;
            for (int ch = 0; ch < channels; ch++) {
                int dst = base + ch * area;
                int src = base + ch;
                for (int pos = 0; pos < area; pos++) {
                    nchw[dst + pos] = rows[src + pos * channels];
                }
            }
        }
    }
}

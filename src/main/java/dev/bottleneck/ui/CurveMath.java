package dev.bottleneck.ui;

/**
 * Pure functions that prepare a curve for drawing: exponential smoothing and decimation. No JavaFX, no state, so
 * they are tested directly.
 */
public final class CurveMath {

    private CurveMath() {
    }

    /**
     * The debiased exponential moving average, as TensorBoard smooths a curve: {@code m[t] = (1 - alpha) m[t-1] +
     * alpha y[t]} from {@code m = 0}, divided by {@code 1 - (1 - alpha)^t}, the weight the average has collected. So
     * each output is a weighted mean of the points so far with weights {@code (1 - alpha)^age}: the first point does
     * not stand for all history before it (an average started at {@code y[0]} sat ~160 nats above a falling loss for
     * hundreds of batches), and a constant curve stays that constant. Non-finite inputs (a diverged batch) are
     * skipped: the average carries its last value across them; before the first finite value the output is NaN.
     *
     * @param y the raw values, in order
     * @param alpha the weight of the newest value, in (0, 1]; 1 returns a copy of the finite values
     * @return a new array of the same length
     */
    public static double[] ema(double[] y, double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("EMA weight must be in (0, 1], got " + alpha);
        }
        double[] s = new double[y.length];
        double m = 0;
        double collected = 0;
        double last = Double.NaN;
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(y[i])) {
                m = (1 - alpha) * m + alpha * y[i];
                collected = (1 - alpha) * collected + alpha;
                last = m / collected;
            }
            s[i] = last;
        }
        return s;
    }

    /**
     * The EMA weight whose memory halves every {@code halfLife} points: {@code 1 - 2^(-1/halfLife)}. A half-life of
     * 0 means no smoothing (weight 1).
     */
    public static double alphaForHalfLife(double halfLife) {
        if (!(halfLife >= 0) || Double.isInfinite(halfLife)) {
            throw new IllegalArgumentException("half-life must be finite and >= 0, got " + halfLife);
        }
        return halfLife == 0 ? 1.0 : 1.0 - Math.pow(2.0, -1.0 / halfLife);
    }

    /**
     * At most {@code maxPoints} points that stand for the curve {@code (x, y)}: when there are more, consecutive
     * points are grouped into buckets of {@code ceil(n / maxPoints)} (the last may be shorter) and each bucket is
     * replaced by its mean x and mean y. Bucket boundaries depend only on the bucket size, so a growing curve keeps
     * its drawn shape and only the last bucket moves. With full buckets the mean of the output equals the mean of
     * the input. Averaging narrows the visible band of batch-to-batch noise, which is the price of drawing 50,000
     * points as a few thousand. Non-finite y values are left out of their bucket's mean; a bucket with none is NaN.
     *
     * @return {@code {xs, ys}}, new arrays
     */
    public static double[][] decimate(double[] x, double[] y, int maxPoints) {
        return decimate(x, y, x.length, maxPoints);
    }

    /** {@link #decimate(double[], double[], int)} over the first {@code n} points of the arrays. */
    static double[][] decimate(double[] x, double[] y, int n, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be >= 1, got " + maxPoints);
        }
        if (n > x.length || n > y.length) {
            throw new IllegalArgumentException("n = " + n + " exceeds the arrays (" + x.length + ", " + y.length + ")");
        }
        if (n <= maxPoints) {
            return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
        }
        int bucket = (n + maxPoints - 1) / maxPoints;
        int m = (n + bucket - 1) / bucket;
        double[] xs = new double[m];
        double[] ys = new double[m];
        for (int b = 0; b < m; b++) {
            int from = b * bucket;
            int to = Math.min(n, from + bucket);
            double sx = 0;
            double sy = 0;
            int finite = 0;
            for (int i = from; i < to; i++) {
                sx += x[i];
                if (Double.isFinite(y[i])) {
                    sy += y[i];
                    finite++;
                }
            }
            xs[b] = sx / (to - from);
            ys[b] = finite == 0 ? Double.NaN : sy / finite;
        }
        return new double[][] {xs, ys};
    }
}

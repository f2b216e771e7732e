package dev.bottleneck.ui;

import java.util.Locale;

/**
 * "Nice" tick positions for a linear axis: steps of 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for
 * graph labels", Graphics Gems, 1990), with labels that show exactly the digits the step needs.
 *
 * @param values tick positions inside [lo, hi], ascending
 * @param labels their labels, same length
 */
record AxisTicks(double[] values, String[] labels) {

    /** About {@code target} ticks (between 2/3 and 3/2 of it) covering {@code [lo, hi]}. */
    static AxisTicks of(double lo, double hi, int target) {
        if (!(hi > lo) || !Double.isFinite(hi - lo) || target < 1) {
            return new AxisTicks(new double[0], new String[0]);
        }
        double raw = (hi - lo) / target;
        int exponent = (int) Math.floor(Math.log10(raw));
        double magnitude = Math.pow(10, exponent);
        double fraction = raw / magnitude;
        // Rounded to the nearest nice step (Heckbert's "round" mode), so the count lands near the target.
        double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        double step = nice * magnitude;
        if (nice == 10) {
            exponent++;
        }
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        int n = (int) Math.max(0, Math.min(1000, last - first + 1));
        double[] values = new double[n];
        String[] labels = new String[n];
        int decimals = Math.max(0, -exponent);
        for (int k = 0; k < n; k++) {
            values[k] = (first + k) * step;
            labels[k] = format(values[k], decimals);
        }
        return new AxisTicks(values, labels);
    }

    private static String format(double v, int decimals) {
        if (Math.abs(v) >= 1e6 || (v != 0 && decimals > 6)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        // Rounding can leave "-0" or "-0.00"; a tick at zero reads "0".
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** Number of ticks. */
    int size() {
        return values.length;
    }
}

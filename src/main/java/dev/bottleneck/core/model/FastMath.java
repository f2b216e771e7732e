package dev.bottleneck.core.model;

/**
 * Single-precision exp and log1p for the hot loops of the losses and activations.
 *
 * <p>Why: {@link Math#exp} and {@link Math#log1p} work in double and the latter is no JIT intrinsic; the Bernoulli
 * loss over a 128 x 784 batch spent 2.7 ms in them, more than a third of a training step. These polynomial versions
 * (Cephes' expf; log1p through 2 atanh(e / (2 + e))) are accurate to a few float ulps and several times faster.
 * {@code FastMathTest} checks them against {@link Math} over their whole range.
 */
final class FastMath {

    private static final float LOG2E = 1.44269504088896341f;
    private static final float C1 = 0.693359375f;
    private static final float C2 = -2.12194440e-4f;
    private static final float EXP_HI = 88.3762626647949f;
    private static final float EXP_LO = -87.3365447504019f;

    private FastMath() {
    }

    /** e^x in float precision; 0 below -87.3 (where float would be subnormal), +Inf above 88.4. */
    static float exp(float x) {
        if (x > EXP_HI) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < EXP_LO) {
            return 0f;
        }
        // Round x / ln 2 to the nearest integer by adding 1.5 * 2^23: the float sum's low bits then hold it.
        float t = x * LOG2E + 12582912f;
        int n = Float.floatToRawIntBits(t) - 0x4B400000;
        float fx = t - 12582912f;
        float g = x - fx * C1 - fx * C2;
        float y = ((((1.9875691500E-4f * g + 1.3981999507E-3f) * g + 8.3334519073E-3f) * g
                + 4.1665795894E-2f) * g + 1.6666665459E-1f) * g + 5.0000001201E-1f;
        y = y * g * g + g + 1f;
        return y * Float.intBitsToFloat((n + 127) << 23);
    }

    /** log(1 + e) for e in [0, 1]: 2 atanh(s) with s = e / (2 + e) <= 1/3, as a series in s^2. */
    static float log1pUnit(float e) {
        float s = e / (2f + e);
        return 2f * s * atanhSeries(s * s);
    }

    /** atanh(s) / s as its series in s2 = s^2, for s2 <= 1/9 (error below 1e-9). */
    static float atanhSeries(float s2) {
        return ((((((s2 * (1f / 15f) + 1f / 13f) * s2 + 1f / 11f) * s2 + 1f / 9f) * s2 + 1f / 7f) * s2 + 1f / 5f) * s2
                + 1f / 3f) * s2 + 1f;
    }

    /** The logistic function 1 / (1 + e^-x), without overflow. */
    static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float r = 1f / (1f + e);
        return x >= 0f ? r : e * r;
    }
}

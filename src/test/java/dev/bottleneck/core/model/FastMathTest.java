package dev.bottleneck.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {

    @Test
    void expMatchesMathExpToFloatPrecision() {
        double worst = 0;
        for (double x = -87; x <= 88; x += 0.001) {
            double exact = Math.exp((float) x);
            double rel = Math.abs(FastMath.exp((float) x) - exact) / exact;
            worst = Math.max(worst, rel);
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
    }

    @Test
    void expSaturatesOutsideFloatRange() {
        assertEquals(0f, FastMath.exp(-200f));
        assertEquals(Float.POSITIVE_INFINITY, FastMath.exp(200f));
        assertEquals(1f, FastMath.exp(0f));
    }

    @Test
    void log1pMatchesOnTheUnitInterval() {
        double worst = 0;
        for (double e = 0; e <= 1; e += 1e-5) {
            double exact = Math.log1p((float) e);
            double err = Math.abs(FastMath.log1pUnit((float) e) - exact) / Math.max(exact, 1e-30);
            if (e > 0) {
                worst = Math.max(worst, err);
            }
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
    }

    @Test
    void sigmoidIsSymmetricAndBounded() {
        for (float x = -50; x <= 50; x += 0.37f) {
            float s = FastMath.sigmoid(x);
            assertTrue(s >= 0 && s <= 1);
            assertEquals(1.0, s + FastMath.sigmoid(-x), 1e-6);
            assertEquals(1.0 / (1.0 + Math.exp(-x)), s, 1e-6);
        }
    }
}

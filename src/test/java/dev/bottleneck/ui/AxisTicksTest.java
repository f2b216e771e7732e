package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AxisTicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertArrayEquals(new String[] {"0", "2", "4", "6", "8", "10"}, AxisTicks.of(0, 10, 5).labels());
        assertArrayEquals(new String[] {"-1.0", "-0.5", "0.0", "0.5", "1.0"}, AxisTicks.of(-1.2, 1.2, 5).labels());
        assertArrayEquals(new String[] {"0.00", "0.05", "0.10"}, AxisTicks.of(-0.001, 0.11, 3).labels());
    }

    @Test
    void ticksStayInsideTheRange() {
        AxisTicks ticks = AxisTicks.of(-3.7, 12.1, 6);
        for (double v : ticks.values()) {
            assertEquals(true, v >= -3.7 && v <= 12.1, "tick " + v);
        }
    }

    @Test
    void emptyOrInvalidRangeHasNoTicks() {
        assertEquals(0, AxisTicks.of(1, 1, 5).size());
        assertEquals(0, AxisTicks.of(2, 1, 5).size());
        assertEquals(0, AxisTicks.of(Double.NaN, 1, 5).size());
    }
}

package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartAxesTest {

    private static List<String> labels(double lo, double hi, int max) {
        return ChartAxes.logTicks(lo, hi, max).stream().map(BigDecimal::stripTrailingZeros)
                .map(BigDecimal::toPlainString).toList();
    }

    @Test
    void manyDecadesAreLabelledAtPowersOfTen() {
        assertEquals(List.of("0.001", "0.01", "0.1", "1", "10", "100"), labels(0.0008, 300, 12));
    }

    @Test
    void aFewDecadesGetTheNumbersBetween() {
        assertEquals(List.of("0.1", "0.2", "0.5", "1", "2", "5", "10"), labels(0.09, 12, 12));
    }

    @Test
    void aNarrowRangeGetsEvenRoundSteps() {
        assertEquals(List.of("80", "100", "120", "140", "160"), labels(72, 160, 12));
    }

    @Test
    void ticksNeverExceedTheRoomAndStayInRange() {
        for (double lo : new double[] {1e-6, 0.013, 0.7, 42, 95}) {
            for (double hi : new double[] {lo * 1.3, lo * 3, lo * 40, lo * 1e6}) {
                List<BigDecimal> ticks = ChartAxes.logTicks(lo, hi, 8);
                assertTrue(ticks.size() <= 8, lo + ".." + hi + ": " + ticks);
                assertTrue(ticks.size() >= 2, lo + ".." + hi + ": " + ticks);
                for (BigDecimal t : ticks) {
                    assertTrue(t.doubleValue() >= lo && t.doubleValue() <= hi, lo + ".." + hi + ": " + t);
                }
            }
        }
    }
}

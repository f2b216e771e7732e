package dev.bottleneck.ui;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * Axes with fewer, rounder tick labels than JFreeChart's defaults, for a projector. JFreeChart packs labels as
 * tightly as they fit (an epoch axis labelled every 0.5) and its log axis labels evenly spaced exponents (158.489,
 * 151.356, ...).
 */
final class ChartAxes {

    private ChartAxes() {
    }

    /** A number axis whose automatic ticks are at least {@code minSpacing} pixels apart. */
    static final class SpacedNumberAxis extends NumberAxis {
        private final double minSpacing;

        SpacedNumberAxis(String label, double minSpacing) {
            super(label);
            this.minSpacing = minSpacing;
        }

        @Override
        protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            super.selectAutoTickUnit(g2, dataArea, edge);
            TickUnitSource units = getStandardTickUnits();
            NumberTickUnit unit = getTickUnit();
            while (lengthToJava2D(unit.getSize(), dataArea, edge) < minSpacing) {
                NumberTickUnit larger = (NumberTickUnit) units.getLargerTickUnit(unit);
                if (larger.getSize() <= unit.getSize()) {
                    break;
                }
                unit = larger;
            }
            setTickUnit(unit, false, false);
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof SpacedNumberAxis a && a.minSpacing == minSpacing;
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** A vertical log axis labelled at round numbers ({@link #logTicks}). */
    static final class RoundLogAxis extends LogAxis {
        /** Pixels per tick label, at least. */
        private static final double MIN_SPACING = 40;

        @Override
        protected List<NumberTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            int maxTicks = Math.max(2, (int) (dataArea.getHeight() / MIN_SPACING));
            TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
            List<NumberTick> ticks = new ArrayList<>();
            for (BigDecimal v : logTicks(getLowerBound(), getUpperBound(), maxTicks)) {
                ticks.add(new NumberTick(TickType.MAJOR, v.doubleValue(), v.stripTrailingZeros().toPlainString(),
                        anchor, anchor, 0));
            }
            return ticks;
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof RoundLogAxis;
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /**
     * Round tick values for a log axis over {@code [lo, hi]} ({@code 0 < lo < hi}), at most {@code maxTicks}: the
     * sparsest of powers of ten, then 1-2-5 and then 1..9 times powers of ten that gives at least four ticks; over a
     * range too narrow for that, evenly spaced 1-2-5 steps as on a linear axis. Exact decimals, so labels read
     * "0.3", never "0.30000000000000004".
     */
    static List<BigDecimal> logTicks(double lo, double hi, int maxTicks) {
        if (!(lo > 0 && hi > lo)) {
            return List.of();
        }
        List<BigDecimal> best = List.of();
        for (int[] mantissas : new int[][] {{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
            List<BigDecimal> ticks = powerTicks(lo, hi, mantissas, maxTicks);
            if (ticks.size() >= 4) {
                return ticks;
            }
            if (ticks.size() > best.size()) {
                best = ticks;
            }
        }
        // Narrow range: linear steps, the largest that gives four ticks or more.
        int top = (int) Math.floor(Math.log10(hi - lo));
        for (int exponent = top; exponent >= top - 3; exponent--) {
            for (int m : new int[] {5, 2, 1}) {
                BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
                List<BigDecimal> ticks = new ArrayList<>();
                BigDecimal v = BigDecimal.valueOf(Math.ceil(lo / step.doubleValue())).multiply(step);
                while (v.doubleValue() <= hi && ticks.size() <= maxTicks) {
                    ticks.add(v);
                    v = v.add(step);
                }
                if (ticks.size() > maxTicks) {
                    return best;
                }
                if (ticks.size() > best.size()) {
                    best = ticks;
                }
                if (ticks.size() >= 4) {
                    return ticks;
                }
            }
        }
        return best;
    }

    private static List<BigDecimal> powerTicks(double lo, double hi, int[] mantissas, int maxTicks) {
        List<BigDecimal> ticks = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (int m : mantissas) {
                BigDecimal v = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                double d = v.doubleValue();
                if (d >= lo && d <= hi) {
                    ticks.add(v);
                }
            }
        }
        if (ticks.size() > maxTicks) {
            // Too many for the height: keep every k-th.
            int k = (ticks.size() + maxTicks - 1) / maxTicks;
            List<BigDecimal> thinned = new ArrayList<>();
            for (int i = 0; i < ticks.size(); i += k) {
                thinned.add(ticks.get(i));
            }
            return thinned;
        }
        return ticks;
    }
}

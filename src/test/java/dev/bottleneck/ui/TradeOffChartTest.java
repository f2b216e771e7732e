package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.SweepAxis;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TradeOffChartTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    private static SweepPoint point(double beta, double mig, double nats, double mse) {
        return new SweepPoint(SweepAxis.BETA, beta, "beta-VAE", mse, nats, 5, 3, mig, "");
    }

    private static XYDataset data(org.jfree.chart.JFreeChart c) {
        return c.getXYPlot().getDataset();
    }

    @Test
    void eachPointLandsOnBothPanelsAtItsValue() {
        TradeOffChart chart = call(TradeOffChart::new);
        run(() -> {
            chart.start(SweepAxis.BETA, List.of(1.0, 2.0, 4.0));
            chart.add(point(2, 0.1, 40, 0.005));
            chart.add(point(1, 0.05, 30, 0.004));
        });
        XYDataset mig = data(chart.migChart());
        XYDataset rec = data(chart.reconstructionChart());
        assertEquals(2, mig.getItemCount(0));
        assertEquals(1.0, mig.getXValue(0, 0), "sorted by value");
        assertEquals(0.05, mig.getYValue(0, 0));
        assertEquals(2.0, rec.getXValue(0, 1));
        assertEquals(40.0, rec.getYValue(0, 1), "nats per example by default");
        run(() -> chart.setReconstruction(TradeOffChart.Reconstruction.MSE_PER_PIXEL));
        assertEquals(0.005, rec.getYValue(0, 1), "the same points, now per pixel");
        assertEquals("reconstruction, MSE/pixel", chart.reconstructionTitle());
        run(() -> chart.add(point(2, 0.2, 41, 0.006)));
        assertEquals(2, mig.getItemCount(0), "a value again replaces its point");
        assertEquals(0.2, mig.getYValue(0, 1));
    }

    @Test
    void theMigAxisStartsAtZeroAndNeverZoomsBelowATenthSoNoiseIsNotDrawnAsATrend() {
        TradeOffChart chart = call(TradeOffChart::new);
        run(() -> {
            chart.start(SweepAxis.BETA, List.of(1.0, 2.0));
            chart.add(point(1, 0.029, 43, 0.007));
            chart.add(point(2, 0.007, 55, 0.010));
        });
        var axis = chart.migChart().getXYPlot().getRangeAxis();
        assertEquals(0, axis.getLowerBound());
        assertEquals(TradeOffChart.MIG_FLOOR, axis.getUpperBound(), 1e-12);
        run(() -> chart.add(point(2, 0.5, 55, 0.010)));
        assertEquals(0.5 * 1.15, axis.getUpperBound(), 1e-12, "a larger MIG is shown whole, with room above");
        var rec = chart.reconstructionChart().getXYPlot().getRangeAxis();
        assertTrue(rec.getLowerBound() > 0 && rec.getLowerBound() < 43 && rec.getUpperBound() > 55,
                "the reconstruction axis follows its points: " + rec.getRange());
    }

    @Test
    void betaIsLogBaseTwoTickedAtTheSweptValuesAndCapacityIsLinearFromZero() {
        TradeOffChart chart = call(TradeOffChart::new);
        run(() -> chart.start(SweepAxis.BETA, List.of(1.0, 2.0, 4.0, 8.0, 16.0)));
        LogAxis log = (LogAxis) chart.xAxis();
        assertEquals(2.0, log.getBase());
        assertTrue(log.getLowerBound() < 1 && log.getUpperBound() > 16, "every value inside the laid-out range");
        assertTrue(log.getLabel().startsWith("beta"), log.getLabel());
        java.awt.Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
        List<?> ticks = log.refreshTicks(g, new org.jfree.chart.axis.AxisState(),
                new java.awt.geom.Rectangle2D.Double(0, 0, 500, 300), org.jfree.chart.ui.RectangleEdge.BOTTOM);
        assertEquals(List.of("1", "2", "4", "8", "16"), ticks.stream()
                .map(t -> ((org.jfree.chart.axis.NumberTick) t).getText()).toList());

        run(() -> chart.start(SweepAxis.CAPACITY, List.of(0.0, 5.0, 10.0, 20.0)));
        NumberAxis lin = (NumberAxis) chart.xAxis();
        assertTrue(lin.getLowerBound() < 0 && lin.getUpperBound() > 20, "C_max = 0 is on the axis");
        assertTrue(lin.getLabel().startsWith("C_max"), lin.getLabel());
        assertTrue(chart.reconstructionChart().getXYPlot().getDomainAxis() instanceof NumberAxis,
                "both panels are laid out alike");
    }

    @Test
    void aDivergedPointIsMarkedNotPlotted() {
        TradeOffChart chart = call(TradeOffChart::new);
        run(() -> {
            chart.start(SweepAxis.BETA, List.of(1.0, 64.0));
            chart.add(point(1, 0.05, 30, 0.004));
            chart.add(SweepPoint.diverged(SweepAxis.BETA, 64, "beta-VAE", "The loss became NaN"));
        });
        assertEquals(1, chart.pointCount(TradeOffChart.MIG_SERIES));
        assertEquals(1, chart.pointCount(TradeOffChart.RECONSTRUCTION_SERIES));
        assertEquals(List.of(64.0), chart.divergedValues());
        for (XYPlot p : List.of(chart.migChart().getXYPlot(), chart.reconstructionChart().getXYPlot())) {
            var markers = p.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
            assertEquals(1, markers.size());
            ValueMarker m = (ValueMarker) markers.iterator().next();
            assertEquals(64.0, m.getValue());
            assertEquals(TradeOffChart.DIVERGED, m.getLabel());
        }
        run(chart::clear);
        assertTrue(chart.divergedValues().isEmpty());
        var left = chart.migChart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        assertTrue(left == null || left.isEmpty(), "no marker left after clear: " + left);
    }

    @Test
    void withoutFactorsTheMigPanelSaysWhyAndDrawsNoLine() {
        TradeOffChart chart = call(TradeOffChart::new);
        String why = "MNIST has no ground-truth factors: MIG needs them";
        run(() -> {
            chart.start(SweepAxis.BETA, List.of(1.0, 2.0));
            chart.setMigUnavailable(why);
            chart.add(new SweepPoint(SweepAxis.BETA, 1, "beta-VAE", 0.01, 80, 9, 5, Double.NaN, ""));
        });
        assertEquals(0, chart.pointCount(TradeOffChart.MIG_SERIES));
        assertEquals(1, chart.pointCount(TradeOffChart.RECONSTRUCTION_SERIES));
        assertEquals(why, chart.migChart().getXYPlot().getNoDataMessage());
        run(() -> chart.setMigUnavailable(""));
        assertNull(chart.migChart().getXYPlot().getNoDataMessage());
    }

    @Test
    void hidingMigGivesTheReconstructionTheWidthAndEverythingDrawsLightAndDark() {
        TradeOffChart chart = call(TradeOffChart::new);
        run(() -> {
            chart.start(SweepAxis.BETA, List.of(1.0, 2.0, 4.0));
            for (double b : new double[] {1, 2, 4}) {
                chart.add(point(b, 0.02 * b, 30 + b, 0.004));
            }
            chart.setMigShown(false);
        });
        assertFalse(chart.isMigShown());
        run(() -> {
            chart.setMigShown(true);
            chart.setDark(true);
            chart.setFontScale(1.5);
        });
        for (var c : List.of(chart.migChart(), chart.reconstructionChart())) {
            BufferedImage img = c.createBufferedImage(500, 300);
            assertEquals(500, img.getWidth());
            assertTrue(c.getXYPlot().getDomainAxis().getTickLabelFont().getSize() >= 22, "presenter-sized ticks");
        }
    }

    @Test
    void refusesOtherThreads() {
        TradeOffChart chart = call(TradeOffChart::new);
        assertThrows(IllegalStateException.class, () -> chart.add(point(1, 0.1, 30, 0.004)));
    }
}

package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.eval.SweepPoint;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SweepChartTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    @Test
    void addedPointsLandOnTheirModelsLine() {
        SweepChart chart = call(SweepChart::new);
        run(() -> {
            chart.add(new SweepPoint(1, SweepPoint.PCA, 0.06));
            chart.add(new SweepPoint(1, SweepPoint.AE, 0.05));
            chart.add(new SweepPoint(2, SweepPoint.PCA, 0.055));
        });
        XYDataset ds = chart.getChart().getXYPlot().getDataset();
        assertEquals(2, ds.getSeriesCount());
        assertEquals("PCA", ds.getSeriesKey(0));
        assertEquals("AE", ds.getSeriesKey(1));
        assertEquals(2, ds.getItemCount(0));
        assertEquals(1, ds.getItemCount(1));
        assertEquals(2.0, ds.getXValue(0, 1));
        assertEquals(0.055, ds.getYValue(0, 1));
        assertEquals(2, (int) call(() -> chart.pointCount(SweepPoint.PCA)));
    }

    @Test
    void aRepeatedSizeReplacesAndClearEmpties() {
        SweepChart chart = call(SweepChart::new);
        run(() -> {
            chart.add(new SweepPoint(4, SweepPoint.AE, 0.05));
            chart.add(new SweepPoint(4, SweepPoint.AE, 0.04));
        });
        XYDataset ds = chart.getChart().getXYPlot().getDataset();
        assertEquals(1, ds.getItemCount(1));
        assertEquals(0.04, ds.getYValue(1, 0));
        run(chart::clear);
        assertEquals(0, ds.getItemCount(0));
        assertEquals(0, ds.getItemCount(1));
    }

    @Test
    void readableLogLatentAxisAndLegend() {
        SweepChart chart = call(SweepChart::new);
        XYPlot plot = chart.getChart().getXYPlot();
        LogAxis x = (LogAxis) plot.getDomainAxis();
        assertEquals(2.0, x.getBase());
        for (Font f : new Font[] {x.getTickLabelFont(), x.getLabelFont(), plot.getRangeAxis().getTickLabelFont(),
            chart.getChart().getLegend().getItemFont()}) {
            assertTrue(f.getSize() >= 14, f.toString());
        }
        assertTrue(plot.getRangeAxis().getLabel().contains("per pixel"));
        // Draws without error, light and dark, with data.
        run(() -> {
            for (int k = 1; k <= 32; k *= 2) {
                chart.add(new SweepPoint(k, SweepPoint.PCA, 0.06 / k));
                chart.add(new SweepPoint(k, SweepPoint.AE, 0.05 / k));
            }
            chart.setDark(true);
        });
        BufferedImage img = chart.getChart().createBufferedImage(800, 500);
        assertEquals(800, img.getWidth());
    }

    @Test
    void refusesOtherThreadsAndUnknownModels() {
        SweepChart chart = call(SweepChart::new);
        assertThrows(IllegalStateException.class, () -> chart.add(new SweepPoint(1, SweepPoint.PCA, 0.1)));
        assertThrows(IllegalArgumentException.class, () -> call(() -> {
            chart.add(new SweepPoint(1, "VAE", 0.1));
            return null;
        }));
    }
}

package dev.bottleneck.ui;

import static dev.bottleneck.ui.FxTestSupport.call;
import static dev.bottleneck.ui.FxTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossChartTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    private static LossTerms loss(double loss) {
        return LossTerms.builder().put(Term.LOSS, loss).build();
    }

    private static LossTerms terms(double loss, double kl) {
        return LossTerms.builder().put(Term.LOSS, loss).put(Term.RECONSTRUCTION, loss - kl).put(Term.KL, kl).build();
    }

    private static double[] ys(XYDataset ds) {
        double[] v = new double[ds.getItemCount(0)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ds.getYValue(0, i);
        }
        return v;
    }

    private static double[] xs(XYDataset ds) {
        double[] v = new double[ds.getItemCount(0)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ds.getXValue(0, i);
        }
        return v;
    }

    private static String yLabel(LossChart chart) {
        return chart.getChart().getXYPlot().getRangeAxis().getLabel();
    }

    @Test
    void batchesAndEpochsLandInTheirSeries() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            c.addBatch(0.5, loss(3.0));
            c.addBatch(1.0, loss(2.0));
            c.addEpoch(new TrainingHistory.EpochPoint(1, loss(2.5), loss(2.7), 100, 1));
            c.addBatches(List.of(new TrainingHistory.BatchPoint(1.5, loss(1.5)),
                    new TrainingHistory.BatchPoint(2.0, loss(1.2))));
            c.addEpoch(new TrainingHistory.EpochPoint(2, loss(1.35), null, 100, 1));
            return c;
        });
        run(() -> {
            XYDataset batches = chart.dataset(LossPlot.BATCHES);
            assertArrayEquals(new double[] {0.5, 1.0, 1.5, 2.0}, xs(batches), 0);
            assertArrayEquals(new double[] {3.0, 2.0, 1.5, 1.2}, ys(batches), 0);
            XYDataset train = chart.dataset(LossPlot.EPOCH_TRAIN);
            assertArrayEquals(new double[] {1, 2}, xs(train), 0);
            assertArrayEquals(new double[] {2.5, 1.35}, ys(train), 0);
            XYDataset validation = chart.dataset(LossPlot.EPOCH_VALIDATION);
            assertArrayEquals(new double[] {1}, xs(validation), 0, "epoch 2 was not validated");
            assertArrayEquals(new double[] {2.7}, ys(validation), 0);
            assertEquals(0, chart.dataset(LossPlot.SMOOTHED).getSeriesCount(), "no smoothing by default");
            assertEquals("loss (per example)", yLabel(chart));
            assertEquals("epoch", chart.getChart().getXYPlot().getDomainAxis().getLabel());
        });
    }

    @Test
    void everyCurveIsNamedInTheLegend() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, SyntheticHistory.overfitting(10, 20, 1));
            c.setSmoothing(0.9);
            return c;
        });
        List<String> names = call(() -> {
            List<String> n = new ArrayList<>();
            org.jfree.chart.LegendItemCollection items = chart.getChart().getXYPlot().getLegendItems();
            for (int i = 0; i < items.getItemCount(); i++) {
                n.add(items.get(i).getLabel());
            }
            return n;
        });
        assertEquals(List.of("train, each batch", "train, smoothed (0.90)", "train, each epoch",
                "validation, each epoch"), names);
    }

    @Test
    void aBurstOfBatchesRedrawsOnce() {
        LossChart chart = call(LossChart::new);
        AtomicInteger redraws = new AtomicInteger();
        run(() -> {
            chart.getChart().addChangeListener(e -> redraws.incrementAndGet());
            for (int i = 1; i <= 1000; i++) {
                chart.addBatch(i / 100.0, loss(100.0 / i));
            }
            assertEquals(0, redraws.get(), "adding only records the points");
        });
        run(() -> {
            assertEquals(1, redraws.get());
            assertEquals(1000, chart.dataset(LossPlot.BATCHES).getItemCount(0));
        });
    }

    @Test
    void theTermPickerOffersOnlyTermsInTheData() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, SyntheticHistory.overfitting(3, 10, 2));
            return c;
        });
        assertEquals(List.of(Term.LOSS, Term.RECONSTRUCTION, Term.KL, Term.NEG_ELBO, Term.MSE_PER_FEATURE),
                call(chart::getAvailableTerms));
        run(() -> setHistory(chart, new TrainingHistory(List.of(new TrainingHistory.BatchPoint(0.1, loss(2))),
                List.of())));
        assertEquals(List.of(Term.LOSS), call(chart::getAvailableTerms));
    }

    /** The beta-TCVAE's three parts of the KL term are curves like any other, in nats per example. */
    @Test
    void theBetaTcvaesMiTcAndDimensionWiseKlAreOfferedWithTheirUnits() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            for (int b = 1; b <= 4; b++) {
                // A batch estimate of TC may dip below 0 (its bias at small batches): the log axis must refuse it.
                c.addBatch(0.25 * b, LossTerms.builder().put(Term.LOSS, 200.0 / b).put(Term.RECONSTRUCTION, 180.0 / b)
                        .put(Term.KL, 12.0).put(Term.INDEX_CODE_MI, 5.0).put(Term.TOTAL_CORRELATION, 1.0 - 0.5 * b)
                        .put(Term.DIMENSION_WISE_KL, 6.5).put(Term.NEG_ELBO, 192.0 / b).build());
            }
            return c;
        });
        assertEquals(List.of(Term.LOSS, Term.RECONSTRUCTION, Term.KL, Term.INDEX_CODE_MI, Term.TOTAL_CORRELATION,
                Term.DIMENSION_WISE_KL, Term.NEG_ELBO), call(chart::getAvailableTerms));
        run(() -> {
            chart.setTerm(Term.TOTAL_CORRELATION);
            assertArrayEquals(new double[] {0.5, 0, -0.5, -1}, ys(chart.dataset(LossPlot.BATCHES)), 0);
            assertEquals("total correlation (nats)", yLabel(chart));
            assertFalse(chart.setLogScale(true), "TC reads -1 at one batch");
            chart.setTerm(Term.INDEX_CODE_MI);
            assertEquals("index-code MI (nats)", yLabel(chart));
            chart.setTerm(Term.DIMENSION_WISE_KL);
            assertEquals("dimension-wise KL (nats)", yLabel(chart));
        });
    }

    @Test
    void switchingTheTermChangesTheSeriesAndTheUnit() {
        TrainingHistory history = SyntheticHistory.overfitting(4, 25, 3);
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, history);
            return c;
        });
        run(() -> {
            assertEquals(history.batches().get(7).terms().loss(), ys(chart.dataset(LossPlot.BATCHES))[7], 0);
            chart.setTerm(Term.KL);
            assertEquals(Term.KL, chart.getTerm());
            assertEquals("KL (nats)", yLabel(chart));
            assertEquals(history.batches().get(7).terms().value(Term.KL), ys(chart.dataset(LossPlot.BATCHES))[7], 0);
            assertEquals(history.epochs().get(2).validation().value(Term.KL),
                    ys(chart.dataset(LossPlot.EPOCH_VALIDATION))[2], 0);

            chart.setTerm(Term.MSE_PER_FEATURE);
            assertEquals("MSE (per pixel)", yLabel(chart));
            assertEquals(0, chart.dataset(LossPlot.BATCHES).getSeriesCount(), "the batches carry no MSE");
            assertEquals(0, chart.dataset(LossPlot.EPOCH_TRAIN).getSeriesCount(), "nor does training");
            assertEquals(4, chart.dataset(LossPlot.EPOCH_VALIDATION).getItemCount(0));
        });
    }

    @Test
    void aTermMissingFromNewDataFallsBackToLoss() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, SyntheticHistory.overfitting(2, 5, 4));
            c.setTerm(Term.KL);
            setHistory(c, new TrainingHistory(List.of(new TrainingHistory.BatchPoint(0.5, loss(1))), List.of()));
            return c;
        });
        assertEquals(Term.LOSS, call(chart::getTerm));
    }

    @Test
    void logAxisIsRefusedWhileAValueIsNotPositive() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            c.addBatch(0.5, terms(5.0, 0.0)); // KL of a collapsed posterior is exactly 0
            c.addBatch(1.0, terms(4.0, 0.5));
            return c;
        });
        run(() -> {
            assertTrue(chart.setLogScale(true), "the loss is positive");
            assertInstanceOf(LogAxis.class, chart.getChart().getXYPlot().getRangeAxis());
            assertEquals("loss (per example)", yLabel(chart));

            chart.setTerm(Term.KL);
            assertFalse(chart.isLogScale(), "switching to a term with a 0 turns log off");
            assertFalse(chart.isLogScaleAvailable());
            assertTrue(chart.logToggle().isDisabled());
            assertTrue(chart.logTooltipText().contains("KL is 0 at epoch 0.50"), chart.logTooltipText());
            assertFalse(chart.setLogScale(true));
            assertInstanceOf(NumberAxis.class, chart.getChart().getXYPlot().getRangeAxis());

            chart.setTerm(Term.LOSS);
            assertTrue(chart.setLogScale(true));
            chart.addBatch(1.5, terms(-0.2, 0.5)); // a Gaussian likelihood can make the loss negative
        });
        run(() -> {
            assertFalse(chart.isLogScale(), "a non-positive value arriving turns log off");
            assertInstanceOf(NumberAxis.class, chart.getChart().getXYPlot().getRangeAxis());
        });
    }

    @Test
    void theBestEpochMarkerSitsAtTheLowestValidationLoss() {
        TrainingHistory history = SyntheticHistory.overfitting(10, 20, 5);
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, history);
            return c;
        });
        run(() -> {
            assertEquals(SyntheticHistory.BEST_EPOCH, history.bestEpoch(), "the synthetic run overfits after 6");
            assertEquals(SyntheticHistory.BEST_EPOCH, chart.getBestEpoch());
            XYPlot plot = chart.getChart().getXYPlot();
            assertTrue(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).contains(chart.bestMarker()));
            assertEquals(6.0, chart.bestMarker().getValue(), 0);
            assertEquals("best: epoch 6", chart.bestMarker().getLabel());

            chart.setTerm(Term.KL);
            assertEquals(6.0, chart.bestMarker().getValue(), 0, "best means lowest validation loss, any term");
            chart.setBestEpoch(4);
            assertEquals(4.0, chart.bestMarker().getValue(), 0);
            assertEquals("best: epoch 4", chart.bestMarker().getLabel());
            chart.setBestEpoch(0);
            assertEquals(6.0, chart.bestMarker().getValue(), 0);

            chart.clear();
            assertEquals(0, chart.getBestEpoch());
            assertFalse(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).contains(chart.bestMarker()));
        });
    }

    /** The chart says what its loss is and in which unit: a capacity objective is not -ELBO. */
    @Test
    void theObjectiveAndItsUnitAreSaid() {
        dev.bottleneck.core.model.VaeConfig capacity = dev.bottleneck.core.model.VaeConfig
                .standard(1024, List.of(256, 128), 10, 1.0).withCapacity(50, 20, 25);
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            c.addBatch(0.5, loss(200));
            c.setObjective(capacity.objective(), capacity.lossUnit());
            return c;
        });
        run(() -> {
            assertEquals("loss (nats)", yLabel(chart));
            assertEquals("loss = reconstruction + 50 |KL - C|, C rising to 20 nats over 25 epochs; validation at the"
                    + " middle of each epoch's C; all per example", chart.objectiveText());
            dev.bottleneck.core.model.PcaConfig pca = new dev.bottleneck.core.model.PcaConfig(784, 16);
            chart.setObjective(pca.objective(), pca.lossUnit());
            assertEquals("loss (squared error)", yLabel(chart));
        });
    }

    @Test
    void smoothingDrawsTheMovingAverageOverTheRawCurve() {
        double[] raw = {10, 12, 8, 11, 9, 10, 7};
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            for (int i = 0; i < raw.length; i++) {
                c.addBatch((i + 1) / 7.0, loss(raw[i]));
            }
            return c;
        });
        run(() -> {
            chart.setSmoothingHalfLife(2);
            assertArrayEquals(raw, ys(chart.dataset(LossPlot.BATCHES)), 0, "the raw curve stays");
            assertArrayEquals(CurveMath.ema(raw, CurveMath.alphaForHalfLife(2)),
                    ys(chart.dataset(LossPlot.SMOOTHED)), 1e-12);
            assertTrue(LossPlot.SMOOTHED > LossPlot.BATCHES, "drawn later, so on top");
            chart.setSmoothingHalfLife(0);
            assertEquals(0, chart.dataset(LossPlot.SMOOTHED).getSeriesCount());
        });
    }

    @Test
    void fiftyThousandBatchesAreDrawnFromAFewThousandPoints() {
        int n = 50_000;
        List<TrainingHistory.BatchPoint> points = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = 50 + 40 * Math.exp(-i / 5000.0) + Math.sin(i);
            sum += v;
            points.add(new TrainingHistory.BatchPoint((i + 1) / 4700.0, loss(v)));
        }
        double mean = sum / n;
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            c.addBatches(points);
            c.setSmoothingHalfLife(50);
            return c;
        });
        run(() -> {
            XYDataset batches = chart.dataset(LossPlot.BATCHES);
            assertTrue(batches.getItemCount(0) <= LossChart.MAX_DRAWN_BATCH_POINTS, "" + batches.getItemCount(0));
            assertTrue(chart.dataset(LossPlot.SMOOTHED).getItemCount(0) <= LossChart.MAX_DRAWN_BATCH_POINTS);
            // 13 points a bucket, the last holds 2: the drawn mean is within a hair of the raw mean
            assertEquals(mean, Arrays.stream(ys(batches)).average().orElseThrow(), 0.01);
        });
    }

    @Test
    void theGapIsShadedOnlyWhenAskedFor() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, SyntheticHistory.overfitting(5, 10, 6));
            return c;
        });
        run(() -> {
            assertFalse(chart.isShowGap());
            assertEquals(0, chart.dataset(LossPlot.GAP).getSeriesCount());
            chart.setShowGap(true);
            XYDataset gap = chart.dataset(LossPlot.GAP);
            assertEquals(2, gap.getSeriesCount());
            assertEquals(5, gap.getItemCount(0));
            assertArrayEquals(ys(chart.dataset(LossPlot.EPOCH_TRAIN)), ys(gap), 0);
            assertEquals(SyntheticHistory.validationLoss(3), gap.getYValue(1, 2), 1e-12);
        });
    }

    @Test
    void clearForgetsEverything() {
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, SyntheticHistory.overfitting(3, 10, 7));
            c.clear();
            return c;
        });
        run(() -> {
            for (int d = LossPlot.GAP; d <= LossPlot.EPOCH_VALIDATION; d++) {
                assertEquals(0, chart.dataset(d).getSeriesCount());
            }
            assertEquals(List.of(Term.LOSS), chart.getAvailableTerms());
        });
    }

    @Test
    void theCursorIsAVerticalMarker() {
        LossChart chart = call(LossChart::new);
        run(() -> {
            XYPlot plot = chart.getChart().getXYPlot();
            chart.setCursorEpoch(2.25);
            assertTrue(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).stream()
                    .anyMatch(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue() == 2.25));
            chart.setCursorEpoch(Double.NaN);
            assertTrue(plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null
                    || plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).isEmpty());
        });
    }

    @Test
    void hoverReadsOutTheNearestPoint() {
        TrainingHistory history = SyntheticHistory.overfitting(10, 20, 8);
        LossChart chart = call(() -> {
            LossChart c = new LossChart();
            setHistory(c, history);
            new Scene(c, 1000, 600);
            c.applyCss();
            c.layout();
            return c;
        });
        run(() -> {
            XYPlot plot = chart.getChart().getXYPlot();
            java.awt.geom.Rectangle2D area = chartDataArea(chart);
            assertNotNull(area);
            double px = plot.getDomainAxis().valueToJava2D(8, area, plot.getDomainAxisEdge());
            double py = plot.getRangeAxis().valueToJava2D(SyntheticHistory.validationLoss(8), area,
                    plot.getRangeAxisEdge());
            chart.hover().moveTo(px + 3, py - 2);
            HoverReadout.Hit hit = chart.hover().hit();
            assertNotNull(hit);
            assertEquals("validation, each epoch", hit.series());
            assertEquals(8.0, hit.epoch(), 0);
            assertEquals(SyntheticHistory.validationLoss(8), hit.value(), 1e-12);
            assertTrue(chart.readoutText().startsWith("validation, each epoch"), chart.readoutText());
            assertTrue(chart.readoutText().contains("epoch 8:"), chart.readoutText());
            assertTrue(chart.readoutText().endsWith(" per example"), "the read-out says its unit: " + chart.readoutText());

            chart.hover().moveTo(area.getMinX() - 20, py);
            assertEquals(null, chart.hover().hit(), "outside the data area nothing is read out");
        });
    }

    private static java.awt.geom.Rectangle2D chartDataArea(LossChart chart) {
        org.jfree.chart.fx.ChartViewer viewer = (org.jfree.chart.fx.ChartViewer)
                ((javafx.scene.layout.StackPane) chart.getCenter()).getChildren().get(0);
        return viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
    }

    @Test
    void thePaletteSwitchesToDark() {
        LossChart chart = call(LossChart::new);
        run(() -> {
            chart.setDark(true);
            assertEquals(ChartPalette.DARK.background(), chart.getChart().getBackgroundPaint());
            assertEquals(ChartPalette.DARK.text(), chart.getChart().getXYPlot().getDomainAxis().getTickLabelPaint());
            assertTrue(chart.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("dark")));
            chart.setDark(false);
            assertEquals(ChartPalette.LIGHT.plot(), chart.getChart().getXYPlot().getBackgroundPaint());
        });
    }

    @Test
    void itRefusesToBeCalledOffTheFxThread() {
        LossChart chart = call(LossChart::new);
        assertThrows(IllegalStateException.class, () -> chart.addBatch(0.1, loss(1)));
    }

    /** A whole history into the chart, as a saved model's is. */
    private static void setHistory(LossChart chart, TrainingHistory h) {
        chart.setHistory(h.batches(), h.epochs());
    }
}

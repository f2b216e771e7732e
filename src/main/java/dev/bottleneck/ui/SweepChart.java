package dev.bottleneck.ui;

import dev.bottleneck.core.eval.SweepPoint;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.layout.BorderPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "Nonlinear PCA as one plot": validation MSE per pixel against latent size, one line for PCA and one for the AE
 * ({@link dev.bottleneck.core.train.LatentSizeSweep}). The latent axis is base-2 logarithmic, labelled 1, 2, 4, ...,
 * because the sweep doubles k; the error axis is linear from 0, where PCA lands at k = d.
 *
 * <p>Call every method on the FX thread. A sweep finishes a point every few seconds, so {@link #add} redraws at once.
 */
public final class SweepChart extends BorderPane {

    /** Series keys, also the legend's labels. */
    public static final String PCA_SERIES = SweepPoint.PCA;
    public static final String AE_SERIES = SweepPoint.AE;

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private static final BasicStroke PCA_STROKE = new BasicStroke(3.0f, BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND, 1f, new float[] {9f, 6f}, 0f);

    private final XYSeries pca = new XYSeries(PCA_SERIES, true, false);
    private final XYSeries ae = new XYSeries(AE_SERIES, true, false);
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final LogAxis latentAxis = new LogAxis("latent size k");
    private final NumberAxis errorAxis = new ChartAxes.SpacedNumberAxis("MSE per pixel (val.)", 40);
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private final XYPlot plot;
    private final JFreeChart chart;
    private boolean dark;

    public SweepChart() {
        dataset.addSeries(pca); // series 0
        dataset.addSeries(ae); // series 1
        latentAxis.setBase(2);
        latentAxis.setTickUnit(new NumberTickUnit(1)); // one tick per power of two
        latentAxis.setNumberFormatOverride(new DecimalFormat("0"));
        latentAxis.setMinorTickMarksVisible(false);
        latentAxis.setSmallestValue(0.5);
        latentAxis.setLowerMargin(0.05);
        latentAxis.setUpperMargin(0.05);
        errorAxis.setAutoRangeIncludesZero(true);
        errorAxis.setUpperMargin(0.08);

        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setSeriesStroke(0, PCA_STROKE);
        renderer.setSeriesShape(0, new Rectangle2D.Double(-5, -5, 10, 10));
        renderer.setSeriesStroke(1, ChartPalette.EPOCH_STROKE);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        renderer.setDrawSeriesLineAsPath(true);

        plot = new XYPlot(dataset, latentAxis, errorAxis, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));

        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setPadding(new RectangleInsets(8, 4, 4, 16));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
        legend.setItemFont(ChartPalette.LEGEND_FONT);
        for (ValueAxis axis : List.of(latentAxis, errorAxis)) {
            axis.setTickLabelFont(ChartPalette.TICK_FONT);
            axis.setLabelFont(ChartPalette.AXIS_LABEL_FONT);
        }
        setCenter(new ChartViewer(chart));
        getStyleClass().add("sweep-chart");
        applyPalette();
    }

    /** Scales the chart's texts (presenter mode); 1 is the desk size. */
    public void setFontScale(double f) {
        chart.getLegend().setItemFont(ChartPalette.scaled(ChartPalette.LEGEND_FONT, f));
        for (ValueAxis axis : List.of(latentAxis, errorAxis)) {
            axis.setTickLabelFont(ChartPalette.scaled(ChartPalette.TICK_FONT, f));
            axis.setLabelFont(ChartPalette.scaled(ChartPalette.AXIS_LABEL_FONT, f));
        }
    }

    /** The JFreeChart drawn, for export and tests. */
    public JFreeChart getChart() {
        return chart;
    }

    /** Forgets every point (a new sweep). */
    public void clear() {
        checkFxThread();
        chart.setNotify(false);
        pca.clear();
        ae.clear();
        chart.setNotify(true);
    }

    /** Adds a finished point to its model's line; a second point at the same latent size replaces the first. */
    public void add(SweepPoint p) {
        checkFxThread();
        Objects.requireNonNull(p, "point");
        XYSeries s = switch (p.model()) {
            case SweepPoint.PCA -> pca;
            case SweepPoint.AE -> ae;
            default -> throw new IllegalArgumentException("unknown sweep model '" + p.model() + "'");
        };
        s.addOrUpdate(p.latent(), p.msePerPixel());
    }

    /** Points on the line of {@code model} ("PCA" or "AE"). */
    public int pointCount(String model) {
        return (SweepPoint.PCA.equals(model) ? pca : ae).getItemCount();
    }

    /** Dark (true) or light palette. */
    public void setDark(boolean dark) {
        checkFxThread();
        this.dark = dark;
        pseudoClassStateChanged(DARK, dark);
        applyPalette();
    }

    public boolean isDark() {
        return dark;
    }

    /** PCA in the palette's vermillion/orange (dashed, squares), the AE in its blue (solid, circles). */
    private void applyPalette() {
        ChartPalette p = dark ? ChartPalette.DARK : ChartPalette.LIGHT;
        chart.setBackgroundPaint(p.background());
        plot.setBackgroundPaint(p.plot());
        plot.setDomainGridlinePaint(p.grid());
        plot.setRangeGridlinePaint(p.grid());
        for (ValueAxis axis : List.of(latentAxis, errorAxis)) {
            axis.setTickLabelPaint(p.text());
            axis.setLabelPaint(p.text());
            axis.setAxisLinePaint(p.axisLine());
            axis.setTickMarkPaint(p.axisLine());
        }
        chart.getLegend().setBackgroundPaint(p.background());
        chart.getLegend().setItemPaint(p.text());
        renderer.setSeriesPaint(0, p.validation());
        renderer.setSeriesPaint(1, p.train());
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("SweepChart is used from " + Thread.currentThread().getName()
                    + "; call it on the JavaFX application thread");
        }
    }
}

package dev.bottleneck.ui;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * The JFreeChart side of {@link LossChart}: one dataset and renderer per kind of curve, the epoch axis, a linear and
 * a log loss axis, the best-epoch and cursor markers, and the palette. It holds no data of its own; the chart hands
 * it finished arrays. Callers batch changes inside {@code chart().setNotify(false)} .. {@code (true)}.
 */
final class LossPlot {

    // Dataset indices, also the drawing order (FORWARD: 0 at the bottom).
    static final int GAP = 0;
    static final int BATCHES = 1;
    static final int SMOOTHED = 2;
    static final int EPOCH_TRAIN = 3;
    static final int EPOCH_VALIDATION = 4;
    /** A second validation curve beside the shown one: the denoising error, or the IWAE bound on -log p(x). */
    static final int COMPANION = 5;

    private final DefaultXYDataset[] datasets = new DefaultXYDataset[6];
    private final XYLineAndShapeRenderer companionRenderer = new QuietRenderer(true, true);
    private final XYLineAndShapeRenderer batchRenderer = new QuietRenderer(true, false);
    private final XYLineAndShapeRenderer smoothRenderer = new QuietRenderer(true, false);
    private final XYLineAndShapeRenderer trainRenderer = new QuietRenderer(true, true);
    private final XYLineAndShapeRenderer validationRenderer = new QuietRenderer(true, true);
    private final XYDifferenceRenderer gapRenderer = new XYDifferenceRenderer();
    private final NumberAxis epochAxis = new ChartAxes.SpacedNumberAxis("epoch", 70);
    private final NumberAxis linearAxis = new ChartAxes.SpacedNumberAxis(null, 40);
    private final LogAxis logAxis = new ChartAxes.RoundLogAxis();
    private final ValueMarker bestMarker = new ValueMarker(0);
    private final ValueMarker cursorMarker = new ValueMarker(0);
    private final ValueMarker heldMarker = new ValueMarker(0);
    private final XYPlot plot;
    private final JFreeChart chart;

    LossPlot() {
        for (int i = 0; i < datasets.length; i++) {
            datasets[i] = new DefaultXYDataset();
        }
        epochAxis.setAutoRangeIncludesZero(true);
        epochAxis.setUpperMargin(0.02);
        linearAxis.setAutoRangeIncludesZero(false);
        logAxis.setSmallestValue(1e-12);
        plot = new XYPlot(datasets[GAP], epochAxis, linearAxis, gapRenderer);
        List<XYLineAndShapeRenderer> lines = List.of(batchRenderer, smoothRenderer, trainRenderer,
                validationRenderer);
        for (int i = BATCHES; i <= EPOCH_VALIDATION; i++) {
            plot.setDataset(i, datasets[i]);
            plot.setRenderer(i, lines.get(i - BATCHES));
        }
        plot.setDataset(COMPANION, datasets[COMPANION]);
        plot.setRenderer(COMPANION, companionRenderer);
        companionRenderer.setAutoPopulateSeriesPaint(false);
        companionRenderer.setAutoPopulateSeriesStroke(false);
        companionRenderer.setAutoPopulateSeriesShape(false);
        companionRenderer.setSeriesStroke(0, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {2f, 5f}, 0f));
        companionRenderer.setSeriesShape(0, new java.awt.geom.Path2D.Double(
                new java.awt.Polygon(new int[] {0, 6, 0, -6}, new int[] {-6, 0, 6, 0}, 4)));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        configureRenderers(lines);
        configureMarkers();

        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setPadding(new RectangleInsets(8, 4, 4, 16));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
        legend.setItemFont(ChartPalette.LEGEND_FONT);
        for (ValueAxis axis : List.of(epochAxis, linearAxis, logAxis)) {
            axis.setTickLabelFont(ChartPalette.TICK_FONT);
            axis.setLabelFont(ChartPalette.AXIS_LABEL_FONT);
        }
    }

    JFreeChart chart() {
        return chart;
    }

    XYPlot plot() {
        return plot;
    }

    XYDataset dataset(int index) {
        return datasets[index];
    }

    /** The datasets the hover read-out searches, bottom to top; the last two are drawn with markers. */
    XYDataset[] hoverable() {
        return new XYDataset[] {datasets[BATCHES], datasets[SMOOTHED], datasets[EPOCH_TRAIN],
            datasets[EPOCH_VALIDATION], datasets[COMPANION]};
    }

    ValueMarker bestMarker() {
        return bestMarker;
    }

    /**
     * Scales every text of the chart (ticks, axis titles, legend, marker labels) by {@code f}: 1 at the desk, larger
     * for the back of a room (presenter mode).
     */
    void setFontScale(double f) {
        chart.getLegend().setItemFont(ChartPalette.scaled(ChartPalette.LEGEND_FONT, f));
        for (ValueAxis axis : List.of(epochAxis, linearAxis, logAxis)) {
            axis.setTickLabelFont(ChartPalette.scaled(ChartPalette.TICK_FONT, f));
            axis.setLabelFont(ChartPalette.scaled(ChartPalette.AXIS_LABEL_FONT, f));
        }
        bestMarker.setLabelFont(ChartPalette.scaled(ChartPalette.MARKER_FONT, f));
        heldMarker.setLabelFont(ChartPalette.scaled(ChartPalette.MARKER_FONT, f));
    }

    ValueMarker heldMarker() {
        return heldMarker;
    }

    /** Replaces a dataset's one series; null or empty data leave it without series (and out of the legend). */
    void setSeries(int index, String key, double[][] data) {
        DefaultXYDataset ds = datasets[index];
        clear(ds);
        if (data != null && data[0].length > 0) {
            ds.addSeries(key, data);
        }
    }

    /** Shades between train and validation, {@code {xs, train, validation}}; null (or under 2 points) for none. */
    void setGap(double[][] gap) {
        DefaultXYDataset ds = datasets[GAP];
        clear(ds);
        if (gap != null && gap[0].length >= 2) {
            // Series 0 is train: "positive" is train above validation, "negative" the usual generalisation gap.
            ds.addSeries("train", new double[][] {gap[0], gap[1]});
            ds.addSeries("validation", new double[][] {gap[0], gap[2]});
        }
    }

    /** Shows the loss on a log or a linear axis with the given label. */
    void setRangeAxis(boolean log, String label) {
        ValueAxis axis = log ? logAxis : linearAxis;
        axis.setLabel(label);
        if (plot.getRangeAxis() != axis) {
            plot.setRangeAxis(axis);
        }
    }

    /** Marks an epoch "best: epoch N"; 0 removes the marker. */
    void markBest(int epoch) {
        plot.removeDomainMarker(bestMarker, Layer.FOREGROUND);
        if (epoch > 0) {
            bestMarker.setValue(epoch);
            bestMarker.setLabel("best: epoch " + epoch);
            plot.addDomainMarker(bestMarker, Layer.FOREGROUND);
        }
    }

    /**
     * Says which epoch's parameters the model holds (after Restore best, early stopping, a stop): on the best marker
     * when it is that epoch, else a marker of its own, "model: epoch N". NaN removes it.
     */
    void markHeld(double epoch, int best) {
        plot.removeDomainMarker(heldMarker, Layer.FOREGROUND);
        if (!Double.isFinite(epoch) || epoch <= 0) {
            return;
        }
        String at = epoch == Math.rint(epoch) ? "epoch " + (long) epoch
                : String.format(java.util.Locale.ROOT, "epoch %.2f", epoch);
        if (best > 0 && epoch == best) {
            bestMarker.setLabel("best: epoch " + best + " = model"); // short: a long label ran off a small chart
            return;
        }
        heldMarker.setValue(epoch);
        heldMarker.setLabel("model: " + at);
        plot.addDomainMarker(heldMarker, Layer.FOREGROUND);
    }

    /** Draws the time cursor at an epoch; NaN removes it. */
    void markCursor(double epoch) {
        plot.removeDomainMarker(cursorMarker, Layer.FOREGROUND);
        if (Double.isFinite(epoch)) {
            cursorMarker.setValue(epoch);
            plot.addDomainMarker(cursorMarker, Layer.FOREGROUND);
        }
    }

    void applyPalette(ChartPalette p, boolean dark) {
        chart.setBackgroundPaint(p.background());
        plot.setBackgroundPaint(p.plot());
        plot.setDomainGridlinePaint(p.grid());
        plot.setRangeGridlinePaint(p.grid());
        for (ValueAxis axis : List.of(epochAxis, linearAxis, logAxis)) {
            axis.setTickLabelPaint(p.text());
            axis.setLabelPaint(p.text());
            axis.setAxisLinePaint(p.axisLine());
            axis.setTickMarkPaint(p.axisLine());
        }
        chart.getLegend().setBackgroundPaint(p.background());
        chart.getLegend().setItemPaint(p.text());
        batchRenderer.setSeriesPaint(0, ChartPalette.withAlpha(p.train(), dark ? 0.35 : 0.30));
        smoothRenderer.setSeriesPaint(0, p.train());
        trainRenderer.setSeriesPaint(0, p.train());
        validationRenderer.setSeriesPaint(0, p.validation());
        companionRenderer.setSeriesPaint(0, new java.awt.Color(0x00, 0x9E, 0x73)); // Okabe-Ito bluish green
        // On near-black a 20 % wash all but vanished (on a projector, entirely): the dark palette shades stronger.
        gapRenderer.setPositivePaint(ChartPalette.withAlpha(p.train(), dark ? 0.40 : 0.20));
        gapRenderer.setNegativePaint(ChartPalette.withAlpha(p.validation(), dark ? 0.40 : 0.20));
        gapRenderer.setSeriesPaint(0, ChartPalette.withAlpha(p.train(), 0));
        gapRenderer.setSeriesPaint(1, ChartPalette.withAlpha(p.validation(), 0));
        bestMarker.setPaint(p.accent());
        bestMarker.setLabelPaint(p.accent());
        bestMarker.setLabelBackgroundColor(ChartPalette.withAlpha(p.plot(), 0.85));
        heldMarker.setPaint(p.text());
        heldMarker.setLabelPaint(p.text());
        heldMarker.setLabelBackgroundColor(ChartPalette.withAlpha(p.plot(), 0.85));
        cursorMarker.setPaint(p.cursor());
    }

    private void configureRenderers(List<XYLineAndShapeRenderer> lines) {
        batchRenderer.setDrawSeriesLineAsPath(true);
        batchRenderer.setSeriesStroke(0, ChartPalette.RAW_STROKE);
        smoothRenderer.setDrawSeriesLineAsPath(true);
        smoothRenderer.setSeriesStroke(0, ChartPalette.SMOOTH_STROKE);
        trainRenderer.setSeriesStroke(0, ChartPalette.EPOCH_STROKE);
        trainRenderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        validationRenderer.setSeriesStroke(0, ChartPalette.VALIDATION_STROKE);
        validationRenderer.setSeriesShape(0, new Rectangle2D.Double(-5, -5, 10, 10));
        for (XYLineAndShapeRenderer r : lines) {
            r.setAutoPopulateSeriesPaint(false);
            r.setAutoPopulateSeriesStroke(false);
            r.setAutoPopulateSeriesShape(false);
        }
        gapRenderer.setShapesVisible(false);
        gapRenderer.setSeriesVisibleInLegend(0, false);
        gapRenderer.setSeriesVisibleInLegend(1, false);
        gapRenderer.setSeriesStroke(0, new BasicStroke(0f));
        gapRenderer.setSeriesStroke(1, new BasicStroke(0f));
    }

    private void configureMarkers() {
        bestMarker.setStroke(ChartPalette.MARKER_STROKE);
        bestMarker.setLabelFont(ChartPalette.MARKER_FONT);
        bestMarker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        bestMarker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        bestMarker.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        cursorMarker.setStroke(new BasicStroke(2f));
        heldMarker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {6f, 4f}, 0f));
        heldMarker.setLabelFont(ChartPalette.MARKER_FONT);
        heldMarker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        heldMarker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        heldMarker.setLabelOffset(new RectangleInsets(6, 6, 30, 6));
    }

    private static void clear(DefaultXYDataset ds) {
        while (ds.getSeriesCount() > 0) {
            ds.removeSeries(ds.getSeriesKey(0));
        }
    }

    /** Draws like its parent but records no chart entities: hover uses its own search, so they would be waste. */
    private static final class QuietRenderer extends XYLineAndShapeRenderer {
        QuietRenderer(boolean lines, boolean shapes) {
            super(lines, shapes);
        }

        @Override
        protected void addEntity(EntityCollection entities, Shape hotspot, XYDataset dataset, int series, int item,
                double entityX, double entityY) {
        }
    }
}

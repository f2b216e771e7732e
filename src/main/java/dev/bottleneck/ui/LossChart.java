package dev.bottleneck.ui;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.fx.ChartViewer;
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
 * The live loss chart: one loss term's training curve per batch (faint), optionally its exponential moving average
 * drawn over it, and the per-epoch training and validation curves (bold, with markers), against epochs. The best
 * validation epoch is marked; the train-validation gap can be shaded. A toolbar picks the term (only terms present in
 * the data), a linear or log y axis, the smoothing half-life and the gap; hovering shows the nearest point.
 *
 * <p>Call every method on the FX thread. Adding points only records them and schedules one redraw for the next
 * {@code Platform.runLater}, so a burst of thousands of {@link #addBatch} calls repaints once. Batch curves are drawn
 * from at most {@link #MAX_DRAWN_BATCH_POINTS} points: beyond that, consecutive batches are averaged in equal buckets
 * ({@link CurveMath#decimate}), which keeps 50,000 batches as cheap to draw as 4,000 and keeps the curve's mean, but
 * narrows the visible band of batch noise. Smoothing runs on all raw points before decimation.
 *
 * <p>Drag to zoom; double-click to fit the data again (a zoomed chart stops following new points until then).
 */
public final class LossChart extends BorderPane {

    /** The most points drawn for a batch curve; more are averaged in buckets. */
    public static final int MAX_DRAWN_BATCH_POINTS = 4000;
    /** The smoothing slider's upper end, in batches. */
    public static final double MAX_HALF_LIFE = 250;

    // Dataset indices, also the drawing order (FORWARD: 0 at the bottom).
    static final int GAP = 0;
    static final int BATCHES = 1;
    static final int SMOOTHED = 2;
    static final int EPOCH_TRAIN = 3;
    static final int EPOCH_VALIDATION = 4;

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final LossCurves curves = new LossCurves();
    private final DefaultXYDataset[] datasets = new DefaultXYDataset[5];
    private final XYLineAndShapeRenderer batchRenderer = new QuietRenderer(true, false);
    private final XYLineAndShapeRenderer smoothRenderer = new QuietRenderer(true, false);
    private final XYLineAndShapeRenderer trainRenderer = new QuietRenderer(true, true);
    private final XYLineAndShapeRenderer validationRenderer = new QuietRenderer(true, true);
    private final XYDifferenceRenderer gapRenderer = new XYDifferenceRenderer(Color.GRAY, Color.GRAY, false);
    private final NumberAxis epochAxis = new NumberAxis("epoch");
    private final NumberAxis linearAxis = new NumberAxis();
    private final LogAxis logAxis = new LogAxis();
    private final ValueMarker bestMarker = new ValueMarker(0);
    private final ValueMarker cursorMarker = new ValueMarker(0);
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final HoverReadout hover;

    private final ComboBox<Term> termBox = new ComboBox<>();
    private final ToggleButton logToggle = new ToggleButton("log y");
    private final Tooltip logTip = new Tooltip();
    private final Slider smoothingSlider = new Slider(0, MAX_HALF_LIFE, 0);
    private final Label smoothingLabel = new Label();
    private final CheckBox gapBox = new CheckBox("gap");
    private final Label readout = new Label();

    private Term term = Term.LOSS;
    private boolean logScale;
    private boolean logAvailable = true;
    private double halfLife;
    private boolean showGap;
    private boolean dark;
    private int explicitBestEpoch;
    private int bestEpoch;
    private double cursorEpoch = Double.NaN;
    private boolean refreshPending;
    /** True while the chart sets its own controls, so their listeners do not call back. */
    private boolean syncing;

    public LossChart() {
        for (int i = 0; i < datasets.length; i++) {
            datasets[i] = new DefaultXYDataset();
        }
        epochAxis.setAutoRangeIncludesZero(true);
        epochAxis.setUpperMargin(0.02);
        linearAxis.setAutoRangeIncludesZero(false);
        logAxis.setSmallestValue(1e-12);
        logAxis.setNumberFormatOverride(new DecimalFormat("0.###"));
        plot = new XYPlot(datasets[GAP], epochAxis, linearAxis, gapRenderer);
        plot.setDataset(BATCHES, datasets[BATCHES]);
        plot.setRenderer(BATCHES, batchRenderer);
        plot.setDataset(SMOOTHED, datasets[SMOOTHED]);
        plot.setRenderer(SMOOTHED, smoothRenderer);
        plot.setDataset(EPOCH_TRAIN, datasets[EPOCH_TRAIN]);
        plot.setRenderer(EPOCH_TRAIN, trainRenderer);
        plot.setDataset(EPOCH_VALIDATION, datasets[EPOCH_VALIDATION]);
        plot.setRenderer(EPOCH_VALIDATION, validationRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        configureRenderers();
        configureMarkers();

        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setPadding(new RectangleInsets(8, 4, 4, 16));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        chart.getLegend().setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
        viewer = new ChartViewer(chart);
        hover = new HoverReadout(viewer, plot, this::drawnDatasets, 2, readout);

        setCenter(new StackPane(viewer, hover.layer()));
        setTop(buildControls());
        getStyleClass().add("loss-chart");
        applyPalette();
        refresh();
    }

    /** The JFreeChart drawn, for export (e.g. {@code ChartUtils.saveChartAsPNG}) and tests. */
    public JFreeChart getChart() {
        return chart;
    }

    /** Forgets every point (a new run). The best epoch goes back to being computed from the data. */
    public void clear() {
        checkFxThread();
        curves.clear();
        explicitBestEpoch = 0;
        refresh();
    }

    /** Adds one training batch; drawn at the next pulse with any other points added meanwhile. */
    public void addBatch(double epochsDone, LossTerms terms) {
        checkFxThread();
        curves.addBatch(epochsDone, terms);
        requestRefresh();
    }

    /** Adds many batches at once, e.g. to catch up after the window was hidden; one redraw. */
    public void addBatches(List<TrainingHistory.BatchPoint> points) {
        checkFxThread();
        for (TrainingHistory.BatchPoint p : points) {
            curves.addBatch(p.epochsDone(), p.terms());
        }
        requestRefresh();
    }

    /** Adds an epoch's train and validation terms, drawn at x = epoch; a repeated epoch number replaces the old. */
    public void addEpoch(TrainingHistory.EpochPoint point) {
        checkFxThread();
        curves.addEpoch(point);
        requestRefresh();
    }

    /** Replaces everything with a saved run's curves and redraws now. */
    public void setHistory(TrainingHistory history) {
        checkFxThread();
        curves.clear();
        explicitBestEpoch = 0;
        for (TrainingHistory.BatchPoint p : history.batches()) {
            curves.addBatch(p.epochsDone(), p.terms());
        }
        for (TrainingHistory.EpochPoint p : history.epochs()) {
            curves.addEpoch(p);
        }
        refresh();
    }

    public Term getTerm() {
        return term;
    }

    /**
     * Shows another term. A term absent from the data is kept only while the chart is empty; once data arrive
     * without it, the chart falls back to {@link Term#LOSS}.
     */
    public void setTerm(Term term) {
        checkFxThread();
        this.term = java.util.Objects.requireNonNull(term, "term");
        refresh();
    }

    /** The terms the picker offers: those present in the data, in {@link Term} order ({@code LOSS} when empty). */
    public List<Term> getAvailableTerms() {
        return Collections.unmodifiableList(new ArrayList<>(termBox.getItems()));
    }

    /**
     * Asks for a logarithmic (true) or linear y axis. A log axis is refused while the shown term has a value
     * {@code <= 0}; the toggle is then disabled and its tooltip says which value.
     *
     * @return whether the y axis is now logarithmic
     */
    public boolean setLogScale(boolean log) {
        checkFxThread();
        logScale = log && logAvailable;
        refresh();
        return logScale;
    }

    public boolean isLogScale() {
        return logScale;
    }

    /** False when the shown term has a value {@code <= 0}, which a log axis cannot show. */
    public boolean isLogScaleAvailable() {
        return logAvailable;
    }

    /**
     * Smooths the batch curve with an exponential moving average whose memory halves every {@code batches} batches
     * ({@link CurveMath#alphaForHalfLife}); 0 turns smoothing off. The raw curve stays visible under the smoothed.
     */
    public void setSmoothingHalfLife(double batches) {
        checkFxThread();
        CurveMath.alphaForHalfLife(batches); // validates
        halfLife = batches;
        refresh();
    }

    public double getSmoothingHalfLife() {
        return halfLife;
    }

    /** Shades the area between the per-epoch train and validation curves (on epochs that have both). */
    public void setShowGap(boolean show) {
        checkFxThread();
        showGap = show;
        refresh();
    }

    public boolean isShowGap() {
        return showGap;
    }

    /** Switches between the light and the dark palette ({@link ChartPalette}). */
    public void setDark(boolean dark) {
        checkFxThread();
        this.dark = dark;
        pseudoClassStateChanged(DARK, dark);
        applyPalette();
    }

    public boolean isDark() {
        return dark;
    }

    /**
     * Marks the given epoch as best (e.g. the one early stopping kept); 0 or less returns to the default, the
     * epoch with the lowest validation loss ({@link Term#LOSS}, whatever term is shown).
     */
    public void setBestEpoch(int epoch) {
        checkFxThread();
        explicitBestEpoch = Math.max(0, epoch);
        refresh();
    }

    /** The epoch marked as best, or 0 when none is. */
    public int getBestEpoch() {
        return bestEpoch;
    }

    /** Draws a vertical cursor at a (fractional) epoch, for a time scrubber; NaN removes it. */
    public void setCursorEpoch(double epoch) {
        checkFxThread();
        cursorEpoch = epoch;
        refresh();
    }

    public double getCursorEpoch() {
        return cursorEpoch;
    }

    /** The dataset drawn at one of the indices {@link #GAP} .. {@link #EPOCH_VALIDATION}; for tests. */
    XYDataset dataset(int index) {
        return datasets[index];
    }

    ValueMarker bestMarker() {
        return bestMarker;
    }

    String readoutText() {
        return readout.getText();
    }

    HoverReadout hover() {
        return hover;
    }

    private XYDataset[] drawnDatasets() {
        return new XYDataset[] {datasets[BATCHES], datasets[SMOOTHED], datasets[EPOCH_TRAIN],
            datasets[EPOCH_VALIDATION]};
    }

    private void requestRefresh() {
        if (!refreshPending) {
            refreshPending = true;
            Platform.runLater(this::refresh);
        }
    }

    /** Rebuilds every drawn series from the raw curves, then redraws once. */
    private void refresh() {
        refreshPending = false;
        chart.setNotify(false);
        try {
            syncTermChoice();
            syncLogAvailability();
            ValueAxis yAxis = logScale ? logAxis : linearAxis;
            yAxis.setLabel(term.label() + " (" + term.unit() + ")");
            if (plot.getRangeAxis() != yAxis) {
                plot.setRangeAxis(yAxis);
            }
            fillDatasets();
            syncMarkers();
            syncControls();
        } finally {
            chart.setNotify(true);
        }
        hover.update();
    }

    private void fillDatasets() {
        int n = curves.batchCount();
        boolean batches = n > 0 && curves.hasBatches(term);
        double[] ys = batches ? curves.batchY(term) : null;
        fill(BATCHES, "train, each batch",
                batches ? CurveMath.decimate(curves.batchX(), ys, n, MAX_DRAWN_BATCH_POINTS) : null);
        double[][] smoothed = null;
        if (batches && halfLife > 0) {
            double[] s = CurveMath.ema(Arrays.copyOf(ys, n), CurveMath.alphaForHalfLife(halfLife));
            smoothed = CurveMath.decimate(curves.batchX(), s, n, MAX_DRAWN_BATCH_POINTS);
        }
        fill(SMOOTHED, String.format(Locale.ROOT, "train, smoothed (half-life %.0f batches)", halfLife), smoothed);
        fill(EPOCH_TRAIN, "train, each epoch", curves.epochCurve(term, false));
        fill(EPOCH_VALIDATION, "validation, each epoch", curves.epochCurve(term, true));
        DefaultXYDataset gap = datasets[GAP];
        while (gap.getSeriesCount() > 0) {
            gap.removeSeries(gap.getSeriesKey(0));
        }
        double[][] g = curves.gap(term);
        if (showGap && g[0].length >= 2) {
            gap.addSeries("train", new double[][] {g[0], g[1]});
            gap.addSeries("validation", new double[][] {g[0], g[2]});
        }
    }

    private void fill(int index, String key, double[][] data) {
        DefaultXYDataset ds = datasets[index];
        while (ds.getSeriesCount() > 0) {
            ds.removeSeries(ds.getSeriesKey(0));
        }
        if (data != null && data[0].length > 0) {
            ds.addSeries(key, data);
        }
    }

    private void syncTermChoice() {
        List<Term> present = new ArrayList<>(curves.terms());
        boolean hasData = curves.batchCount() > 0 || curves.epochCount() > 0;
        if (hasData && !present.contains(term)) {
            term = Term.LOSS;
        }
        if (!present.contains(term)) {
            present.add(term);
            Collections.sort(present);
        }
        if (!present.equals(termBox.getItems())) {
            syncing = true;
            try {
                termBox.getItems().setAll(present);
            } finally {
                syncing = false;
            }
        }
    }

    private void syncLogAvailability() {
        String reason = curves.firstNonPositive(term);
        logAvailable = reason == null;
        if (!logAvailable) {
            logScale = false;
        }
        logTip.setText(logAvailable ? "Logarithmic y axis"
                : "No log scale: " + reason + ", and a log axis shows only values above 0");
    }

    private void syncMarkers() {
        bestEpoch = explicitBestEpoch > 0 ? explicitBestEpoch : curves.bestEpoch();
        plot.removeDomainMarker(bestMarker, Layer.FOREGROUND);
        if (bestEpoch > 0) {
            bestMarker.setValue(bestEpoch);
            bestMarker.setLabel("best: epoch " + bestEpoch);
            plot.addDomainMarker(bestMarker, Layer.FOREGROUND);
        }
        plot.removeDomainMarker(cursorMarker, Layer.FOREGROUND);
        if (Double.isFinite(cursorEpoch)) {
            cursorMarker.setValue(cursorEpoch);
            plot.addDomainMarker(cursorMarker, Layer.FOREGROUND);
        }
    }

    private void syncControls() {
        syncing = true;
        try {
            termBox.setValue(term);
            logToggle.setSelected(logScale);
            logToggle.setDisable(!logAvailable);
            smoothingSlider.setValue(halfLife);
            smoothingLabel.setText(halfLife == 0 ? "smoothing off"
                    : String.format(Locale.ROOT, "half-life %.0f batches", halfLife));
            gapBox.setSelected(showGap);
        } finally {
            syncing = false;
        }
    }

    private HBox buildControls() {
        termBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Term t) {
                return t == null ? "" : t.label();
            }

            @Override
            public Term fromString(String s) {
                return Term.valueOf(s);
            }
        });
        termBox.setTooltip(new Tooltip("The loss term to plot; only terms the model reports are offered"));
        termBox.valueProperty().addListener((obs, old, t) -> {
            if (!syncing && t != null) {
                setTerm(t);
            }
        });
        logToggle.selectedProperty().addListener((obs, old, on) -> {
            if (!syncing) {
                setLogScale(on);
            }
        });
        // A disabled control shows no tooltip, so the tooltip that says why log is refused sits on a wrapper.
        StackPane logHolder = new StackPane(logToggle);
        Tooltip.install(logHolder, logTip);
        smoothingSlider.setBlockIncrement(5);
        smoothingSlider.setPrefWidth(160);
        smoothingSlider.setTooltip(new Tooltip("Exponential moving average of the batch curve; 0 turns it off"));
        smoothingSlider.valueProperty().addListener((obs, old, v) -> {
            if (!syncing) {
                setSmoothingHalfLife(Math.rint(v.doubleValue()));
            }
        });
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        gapBox.setTooltip(new Tooltip("Shade the gap between the train and validation epoch curves"));
        gapBox.selectedProperty().addListener((obs, old, on) -> {
            if (!syncing) {
                setShowGap(on);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        readout.getStyleClass().add("loss-chart-readout");
        HBox bar = new HBox(10, new Label("term"), termBox, logHolder, new Label("smoothing"), smoothingSlider,
                smoothingLabel, gapBox, spacer, readout);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("loss-chart-controls");
        return bar;
    }

    private void configureRenderers() {
        batchRenderer.setDrawSeriesLineAsPath(true);
        batchRenderer.setSeriesStroke(0, ChartPalette.RAW_STROKE);
        smoothRenderer.setDrawSeriesLineAsPath(true);
        smoothRenderer.setSeriesStroke(0, ChartPalette.SMOOTH_STROKE);
        trainRenderer.setSeriesStroke(0, ChartPalette.EPOCH_STROKE);
        trainRenderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        validationRenderer.setSeriesStroke(0, ChartPalette.VALIDATION_STROKE);
        validationRenderer.setSeriesShape(0, new Rectangle2D.Double(-5, -5, 10, 10));
        for (XYLineAndShapeRenderer r : List.of(batchRenderer, smoothRenderer, trainRenderer, validationRenderer)) {
            r.setAutoPopulateSeriesPaint(false);
            r.setAutoPopulateSeriesStroke(false);
            r.setAutoPopulateSeriesShape(false);
        }
        gapRenderer.setSeriesVisibleInLegend(0, false);
        gapRenderer.setSeriesVisibleInLegend(1, false);
        gapRenderer.setSeriesStroke(0, new java.awt.BasicStroke(0f));
        gapRenderer.setSeriesStroke(1, new java.awt.BasicStroke(0f));
    }

    private void configureMarkers() {
        bestMarker.setStroke(ChartPalette.MARKER_STROKE);
        bestMarker.setLabelFont(ChartPalette.MARKER_FONT);
        bestMarker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        bestMarker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        bestMarker.setLabelOffset(new RectangleInsets(6, 6, 6, 6));
        cursorMarker.setStroke(new java.awt.BasicStroke(2f));
    }

    private void applyPalette() {
        ChartPalette p = dark ? ChartPalette.DARK : ChartPalette.LIGHT;
        chart.setNotify(false);
        try {
            chart.setBackgroundPaint(p.background());
            plot.setBackgroundPaint(p.plot());
            plot.setDomainGridlinePaint(p.grid());
            plot.setRangeGridlinePaint(p.grid());
            plot.setDomainGridlineStroke(new java.awt.BasicStroke(1f));
            plot.setRangeGridlineStroke(new java.awt.BasicStroke(1f));
            for (ValueAxis axis : List.of(epochAxis, linearAxis, logAxis)) {
                axis.setTickLabelFont(ChartPalette.TICK_FONT);
                axis.setLabelFont(ChartPalette.AXIS_LABEL_FONT);
                axis.setTickLabelPaint(p.text());
                axis.setLabelPaint(p.text());
                axis.setAxisLinePaint(p.axisLine());
                axis.setTickMarkPaint(p.axisLine());
            }
            LegendTitle legend = chart.getLegend();
            legend.setBackgroundPaint(p.background());
            legend.setItemPaint(p.text());
            legend.setItemFont(ChartPalette.LEGEND_FONT);
            batchRenderer.setSeriesPaint(0, ChartPalette.withAlpha(p.train(), dark ? 0.40 : 0.30));
            smoothRenderer.setSeriesPaint(0, p.train());
            trainRenderer.setSeriesPaint(0, p.train());
            validationRenderer.setSeriesPaint(0, p.validation());
            // Series 0 is train: "positive" is train above validation, "negative" the usual generalisation gap.
            gapRenderer.setPositivePaint(ChartPalette.withAlpha(p.train(), 0.20));
            gapRenderer.setNegativePaint(ChartPalette.withAlpha(p.validation(), 0.20));
            gapRenderer.setSeriesPaint(0, ChartPalette.withAlpha(p.train(), 0));
            gapRenderer.setSeriesPaint(1, ChartPalette.withAlpha(p.validation(), 0));
            bestMarker.setPaint(p.accent());
            bestMarker.setLabelPaint(p.accent());
            bestMarker.setLabelBackgroundColor(ChartPalette.withAlpha(p.plot(), 0.85));
            cursorMarker.setPaint(p.cursor());
            hover.applyPalette(p);
        } finally {
            chart.setNotify(true);
        }
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LossChart is used from " + Thread.currentThread().getName()
                    + "; call it on the JavaFX application thread");
        }
    }

    /** Draws like its parent but records no chart entities: hover uses its own search, so they would be waste. */
    private static final class QuietRenderer extends XYLineAndShapeRenderer {
        QuietRenderer(boolean lines, boolean shapes) {
            super(lines, shapes);
        }

        @Override
        protected void addEntity(EntityCollection entities, java.awt.Shape hotspot, XYDataset dataset, int series,
                int item, double entityX, double entityY) {
        }
    }
}

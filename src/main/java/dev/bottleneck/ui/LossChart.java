package dev.bottleneck.ui;

import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import dev.bottleneck.core.train.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
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
    /** The smoothing slider's upper end: TensorBoard's smoothing weight, the EMA's weight on the past. */
    public static final double MAX_SMOOTHING = 0.99;

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private final LossCurves curves = new LossCurves();
    private final LossPlot lossPlot = new LossPlot();
    private final HoverReadout hover;

    private final ComboBox<Term> termBox = new ComboBox<>();
    private final ToggleButton logToggle = new ToggleButton("log y");
    private final Tooltip logTip = new Tooltip();
    private final Slider smoothingSlider = new Slider(0, MAX_SMOOTHING, 0);
    private final Label smoothingLabel = new Label();
    private final CheckBox gapBox = new CheckBox("gap");

    private Term term = Term.LOSS;
    private boolean logScale;
    private boolean logAvailable = true;
    private double smoothing;   // TensorBoard's weight on the past, in [0, 0.99]; 0 = off
    private boolean showGap;
    private boolean dark;
    private int explicitBestEpoch;
    private int bestEpoch;
    private double cursorEpoch = Double.NaN;
    private double heldEpoch = Double.NaN;
    private boolean refreshPending;
    /** True while the chart sets its own controls, so their listeners do not call back. */
    private boolean syncing;

    public LossChart() {
        ChartViewer viewer = new ChartViewer(lossPlot.chart());
        hover = new HoverReadout(viewer, lossPlot.plot(), lossPlot::hoverable, 2);
        setCenter(new StackPane(viewer, hover.layer()));
        objectiveLabel.getStyleClass().add("caption");
        objectiveLabel.setWrapText(true);
        objectiveLabel.setPadding(new Insets(0, 10, 2, 10));
        objectiveLabel.setManaged(false);
        objectiveLabel.setVisible(false);
        setTop(new javafx.scene.layout.VBox(buildControls(), objectiveLabel));
        getStyleClass().add("loss-chart");
        applyPalette();
        refresh();
    }

    /** The JFreeChart drawn, for export (e.g. {@code ChartUtils.saveChartAsPNG}) and tests. */
    public JFreeChart getChart() {
        return lossPlot.chart();
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

    /**
     * Replaces everything with a saved run's curves ({@code TrainingHistory}'s batches and epochs: the view takes its
     * immutable records, never the mutable history) and redraws now.
     */
    public void setHistory(List<TrainingHistory.BatchPoint> batches, List<TrainingHistory.EpochPoint> epochs) {
        checkFxThread();
        curves.clear();
        explicitBestEpoch = 0;
        for (TrainingHistory.BatchPoint p : batches) {
            curves.addBatch(p.epochsDone(), p.terms());
        }
        for (TrainingHistory.EpochPoint p : epochs) {
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
        this.term = Objects.requireNonNull(term, "term");
        refresh();
    }

    /** The terms the picker offers: those present in the data, in {@link Term} order ({@code LOSS} when empty). */
    public List<Term> getAvailableTerms() {
        return List.copyOf(termBox.getItems());
    }

    /**
     * Asks for a logarithmic (true) or linear y axis. A log axis is refused while the shown term has a value
     * {@code <= 0}; the toggle is then disabled and its tooltip says which value. A value {@code <= 0} arriving
     * later switches the axis back to linear.
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
     * Smooths the batch curve as TensorBoard does: a debiased exponential moving average ({@link CurveMath#ema}) with
     * weight {@code weight} on the past, in [0, 0.99]; 0 turns smoothing off. The raw curve stays visible under it.
     */
    public void setSmoothing(double weight) {
        checkFxThread();
        if (!(weight >= 0 && weight <= MAX_SMOOTHING)) {
            throw new IllegalArgumentException("smoothing must lie in [0, " + MAX_SMOOTHING + "], got " + weight);
        }
        smoothing = weight;
        refresh();
    }

    public double getSmoothing() {
        return smoothing;
    }

    /** Smoothing by the half-life of its memory in batches: weight {@code 2^(-1/batches)}; 0 turns it off. */
    public void setSmoothingHalfLife(double batches) {
        setSmoothing(1 - CurveMath.alphaForHalfLife(batches));
    }

    /** The half-life in batches of the smoothing's memory, {@code -ln 2 / ln weight}; 0 when off. */
    public double getSmoothingHalfLife() {
        return smoothing == 0 ? 0 : -Math.log(2) / Math.log(smoothing);
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

    /** Switches between the light and the dark palette ({@link ChartPalette}); the toolbar follows the CSS. */
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

    private final Label objectiveLabel = new Label();
    private String lossUnit;

    /**
     * Says what the loss curves plot: {@code objective} in words ("loss = reconstruction + 50 |KL - C|, ...") under
     * the controls, and {@code lossUnit} ("nats per example") on the loss axis; nulls for none.
     */
    public void setObjective(String objective, String lossUnit) {
        checkFxThread();
        boolean show = objective != null && !objective.isEmpty();
        objectiveLabel.setText(show ? objective + "; all per example" : "");
        objectiveLabel.setVisible(show);
        objectiveLabel.setManaged(show);
        this.lossUnit = lossUnit;
        refresh();
    }

    /** The text under the controls that says what is plotted, or "" (for tests). */
    String objectiveText() {
        return objectiveLabel.getText();
    }

    private String unitOf(Term t) {
        return (t == Term.LOSS || t == Term.DENOISING) && lossUnit != null ? lossUnit : t.unit();
    }

    /** Scales the chart's texts (presenter mode: 1.5); 1 is the desk size. */
    public void setFontScale(double f) {
        checkFxThread();
        lossPlot.setFontScale(f);
    }

    /** Marks the epoch whose parameters the model holds (after Restore best, early stopping); NaN for none. */
    public void setHeldEpoch(double epoch) {
        checkFxThread();
        heldEpoch = epoch;
        refresh();
    }

    /** The held-epoch marker's label, or null when it is not drawn (for tests). */
    String heldLabel() {
        return lossPlot.plot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND) != null
                && lossPlot.plot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).contains(lossPlot.heldMarker())
                ? lossPlot.heldMarker().getLabel() : bestEpoch > 0 && bestMarker().getLabel().endsWith("model's")
                ? bestMarker().getLabel() : null;
    }

    /** The dataset drawn at one of the indices {@link LossPlot#GAP} .. {@link LossPlot#EPOCH_VALIDATION}. */
    XYDataset dataset(int index) {
        return lossPlot.dataset(index);
    }

    ValueMarker bestMarker() {
        return lossPlot.bestMarker();
    }

    String readoutText() {
        return hover.text();
    }

    HoverReadout hover() {
        return hover;
    }

    ToggleButton logToggle() {
        return logToggle;
    }

    /** The log toggle's tooltip, which says why log is refused when it is. */
    String logTooltipText() {
        return logTip.getText();
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
        JFreeChart chart = lossPlot.chart();
        chart.setNotify(false);
        try {
            syncTermChoice();
            syncLogAvailability();
            // The axis says the short unit, "per example" being said once under the controls; the read-out the whole.
            lossPlot.setRangeAxis(logScale, term.label() + " (" + unitOf(term).replace(" per example", "") + ")");
            hover.setUnit(unitOf(term));
            fillSeries();
            bestEpoch = explicitBestEpoch > 0 ? explicitBestEpoch : curves.bestEpoch();
            lossPlot.markBest(bestEpoch);
            lossPlot.markHeld(heldEpoch, bestEpoch);
            lossPlot.markCursor(cursorEpoch);
            syncControls();
        } finally {
            chart.setNotify(true); // the one redraw
        }
        hover.update();
    }

    private void fillSeries() {
        int n = curves.batchCount();
        boolean batches = n > 0 && curves.hasBatches(term);
        double[] ys = batches ? curves.batchY(term) : null;
        lossPlot.setSeries(LossPlot.BATCHES, "train, each batch",
                batches ? CurveMath.decimate(curves.batchX(), ys, n, MAX_DRAWN_BATCH_POINTS) : null);
        double[][] smoothed = null;
        if (batches && smoothing > 0) {
            double[] s = CurveMath.ema(Arrays.copyOf(ys, n), 1 - smoothing);
            smoothed = CurveMath.decimate(curves.batchX(), s, n, MAX_DRAWN_BATCH_POINTS);
        }
        lossPlot.setSeries(LossPlot.SMOOTHED,
                String.format(Locale.ROOT, "train, smoothed (%.2f)", smoothing), smoothed);
        lossPlot.setSeries(LossPlot.EPOCH_TRAIN, "train, each epoch", curves.epochCurve(term, false));
        lossPlot.setSeries(LossPlot.EPOCH_VALIDATION, "validation, each epoch", curves.epochCurve(term, true));
        lossPlot.setGap(showGap ? curves.gap(term) : null);
        Term companion = companionOf(term);
        lossPlot.setSeries(LossPlot.COMPANION, companion == null ? "" : companion.label(),
                companion == null ? null : curves.epochCurve(companion, true));
    }

    /**
     * The validation curve drawn beside the shown term, in the same unit: the denoising error beside the loss or the
     * reconstruction, the IWAE bound on -log p(x) beside -ELBO (or the loss).
     */
    private Term companionOf(Term shown) {
        boolean denoising = curves.terms().contains(Term.DENOISING);
        boolean iwae = curves.terms().contains(Term.IWAE_NLL);
        return switch (shown) {
            case NEG_ELBO -> iwae ? Term.IWAE_NLL : null;
            case RECONSTRUCTION -> denoising ? Term.DENOISING : null;
            case LOSS -> denoising ? Term.DENOISING : iwae ? Term.IWAE_NLL : null;
            default -> null;
        };
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

    private void syncControls() {
        syncing = true;
        try {
            termBox.setValue(term);
            logToggle.setSelected(logScale);
            logToggle.setDisable(!logAvailable);
            smoothingSlider.setValue(smoothing);
            smoothingLabel.setText(smoothing == 0 ? "off" : String.format(Locale.ROOT, "%.2f", smoothing));
            gapBox.setSelected(showGap);
        } finally {
            syncing = false;
        }
    }

    private javafx.scene.layout.FlowPane buildControls() {
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
        smoothingSlider.setBlockIncrement(0.05);
        smoothingSlider.setPrefWidth(140);
        smoothingSlider.setMinWidth(80);
        Tooltip smoothingTip = new Tooltip("Smoothing as in TensorBoard: each point of the batch curve becomes a"
                + " moving average with this weight on the past, debiased at the start; 0.9 averages about the last 10"
                + " batches, 0.99 the last 100; 0 turns it off");
        smoothingTip.setWrapText(true);
        smoothingTip.setMaxWidth(360);
        smoothingSlider.setTooltip(smoothingTip);
        smoothingSlider.valueProperty().addListener((obs, old, v) -> {
            if (!syncing) {
                setSmoothing(Math.rint(v.doubleValue() * 100) / 100);
            }
        });
        // Wide enough for "0.99", so the bar does not jump while the slider moves.
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        smoothingLabel.setPrefWidth(40);
        gapBox.setTooltip(new Tooltip("Shade the gap between the train and validation epoch curves"));
        gapBox.selectedProperty().addListener((obs, old, on) -> {
            if (!syncing) {
                setShowGap(on);
            }
        });
        Label termLabel = new Label("term");
        Label smoothingName = new Label("smoothing");
        smoothingName.setTooltip(smoothingTip);
        // Labels keep their full text; only the slider gives way when the bar is narrow.
        for (Region r : List.of(termLabel, termBox, logToggle, smoothingName, gapBox)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // A flow, not a row: on a narrow window (1024 px) the controls wrap to a second line instead of widening
        // the chart past the window's edge.
        HBox smoothingGroup = new HBox(6, smoothingName, smoothingSlider, smoothingLabel);
        smoothingGroup.setAlignment(Pos.CENTER_LEFT);
        HBox termGroup = new HBox(6, termLabel, termBox);
        termGroup.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(10, 4, termGroup, logHolder,
                smoothingGroup, gapBox);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(0);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("loss-chart-controls");
        return bar;
    }

    private void applyPalette() {
        ChartPalette p = dark ? ChartPalette.DARK : ChartPalette.LIGHT;
        JFreeChart chart = lossPlot.chart();
        chart.setNotify(false);
        try {
            lossPlot.applyPalette(p, dark);
        } finally {
            chart.setNotify(true);
        }
        hover.applyPalette(p);
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LossChart is used from " + Thread.currentThread().getName()
                    + "; call it on the JavaFX application thread");
        }
    }
}

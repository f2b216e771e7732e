package dev.bottleneck.ui;

import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.SweepAxis;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * "The trade-off of Higgins et al. as one plot": MIG (left panel) and reconstruction error (right panel) against beta
 * or C_max, one point per trained model ({@link dev.bottleneck.core.train.ParameterSweep}), the two x axes laid out
 * alike. Two panels rather than two y axes on one plot, so that neither curve is read against the other's scale; side
 * by side rather than stacked, because the tab is wide and low. The beta axis is base-2 logarithmic (beta doubles
 * from point to point; the trade-off is multiplicative); the C_max axis is linear because it starts at 0 nats. Ticks
 * sit at the swept values, laid out when the sweep starts so that points fill in without the axis jumping.
 *
 * <p>A point whose training diverged is not plotted: a dashed vertical line labelled "diverged" marks its value in
 * both panels. On data without ground-truth factors the MIG panel says why instead of showing a line.
 *
 * <p>Call every method on the FX thread.
 */
public final class TradeOffChart extends BorderPane {

    /** What the bottom panel shows of the reconstruction error. */
    public enum Reconstruction {
        NATS_PER_EXAMPLE("reconstruction, nats/example", "nats per example"),
        MSE_PER_PIXEL("reconstruction, MSE/pixel", "MSE per pixel");

        private final String axisLabel;
        private final String choice;

        Reconstruction(String axisLabel, String choice) {
            this.axisLabel = axisLabel;
            this.choice = choice;
        }

        /** The reconstruction panel's title. */
        public String axisLabel() {
            return axisLabel;
        }

        @Override
        public String toString() {
            return choice;
        }
    }

    /** Series keys. */
    public static final String MIG_SERIES = "MIG";
    public static final String RECONSTRUCTION_SERIES = "reconstruction";
    /** The label of a diverged point's marker. */
    public static final String DIVERGED = "diverged";

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    /** The least top of the MIG axis: a MIG below 0.1 is little disentanglement and is drawn as little (a beta-VAE
     * on dSprites reaches about 0.2 to 0.3, Chen et al. 2018; see {@code MigResult.NAMING_GAP}). */
    static final double MIG_FLOOR = 0.1;
    /** Beyond this many values the ticks fall back to the axis' own choice: labels at every value would collide. */
    private static final int MAX_VALUE_TICKS = 12;

    private final XYSeries mig = new XYSeries(MIG_SERIES, true, false);
    private final XYSeries reconstruction = new XYSeries(RECONSTRUCTION_SERIES, true, false);
    private final NumberAxis migAxis = new ChartAxes.SpacedNumberAxis(null, 32);
    private final NumberAxis reconstructionAxis = new ChartAxes.SpacedNumberAxis(null, 32);
    private final XYLineAndShapeRenderer migRenderer = new XYLineAndShapeRenderer(true, true);
    private final XYLineAndShapeRenderer reconstructionRenderer = new XYLineAndShapeRenderer(true, true);
    private final XYPlot migPlot;
    private final XYPlot reconstructionPlot;
    private final JFreeChart migChart;
    private final JFreeChart reconstructionChart;
    private final TextTitle migTitle = new TextTitle("MIG");
    private final TextTitle reconstructionTitle = new TextTitle(Reconstruction.NATS_PER_EXAMPLE.axisLabel());
    private final ChartViewer migViewer;
    private final GridPane panels = new GridPane();
    private final List<SweepPoint> shown = new ArrayList<>();
    private final List<ValueMarker> markers = new ArrayList<>();
    private ValueAxis migX;
    private ValueAxis reconstructionX;
    private SweepAxis axis = SweepAxis.BETA;
    private List<Double> values = List.of();
    private Reconstruction unit = Reconstruction.NATS_PER_EXAMPLE;
    private boolean migShown = true;
    private String migUnavailable = "";
    private boolean dark;
    private double fontScale = 1;

    public TradeOffChart() {
        migAxis.setAutoRange(false);
        migAxis.setRange(0, 1.05);
        reconstructionAxis.setAutoRangeIncludesZero(false);
        reconstructionAxis.setUpperMargin(0.12);
        reconstructionAxis.setLowerMargin(0.12);
        migX = xAxisFor(SweepAxis.BETA, List.of());
        reconstructionX = xAxisFor(SweepAxis.BETA, List.of());
        migPlot = subplot(mig, migX, migAxis, migRenderer);
        reconstructionPlot = subplot(reconstruction, reconstructionX, reconstructionAxis, reconstructionRenderer);
        migChart = chart(migPlot, migTitle);
        reconstructionChart = chart(reconstructionPlot, reconstructionTitle);
        migViewer = new ChartViewer(migChart);
        ChartViewer reconstructionViewer = new ChartViewer(reconstructionChart);
        for (ChartViewer v : List.of(migViewer, reconstructionViewer)) {
            v.setMinSize(0, 0);
            GridPane.setHgrow(v, Priority.ALWAYS);
            GridPane.setVgrow(v, Priority.ALWAYS);
        }
        panels.add(migViewer, 0, 0);
        panels.add(reconstructionViewer, 1, 0);
        panels.getColumnConstraints().setAll(half(), half());
        setCenter(panels);
        getStyleClass().add("trade-off-chart");
        applyFonts();
        applyPalette();
    }

    private static ColumnConstraints half() {
        ColumnConstraints c = new ColumnConstraints();
        c.setPercentWidth(50);
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    /** One panel: its title above the plot, left-aligned, no legend (the title says what the line is). */
    private static JFreeChart chart(XYPlot plot, TextTitle title) {
        JFreeChart c = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        title.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        title.setPadding(new RectangleInsets(0, 4, 12, 0));   // clear of the top tick label
        c.setTitle(title);
        c.setPadding(new RectangleInsets(6, 4, 4, 14));
        return c;
    }

    private static XYPlot subplot(XYSeries series, ValueAxis x, NumberAxis range, XYLineAndShapeRenderer renderer) {
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setSeriesStroke(0, ChartPalette.EPOCH_STROKE);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{1}: {2}", new DecimalFormat("0.###"),
                new DecimalFormat("0.####")));
        XYPlot p = new XYPlot(new XYSeriesCollection(series), x, range, renderer);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        p.setOutlineVisible(false);
        p.setDomainGridlineStroke(new BasicStroke(1f));
        p.setRangeGridlineStroke(new BasicStroke(1f));
        p.setNoDataMessageFont(ChartPalette.LEGEND_FONT);
        return p;
    }

    /**
     * A new sweep over {@code values} of {@code sweptAxis}: forgets every point, lays out the x axis for the values
     * (log for an all-positive beta, linear otherwise) with a tick at each.
     */
    public void start(SweepAxis sweptAxis, List<Double> sweptValues) {
        checkFxThread();
        Objects.requireNonNull(sweptAxis, "axis");
        notify(false);
        axis = sweptAxis;
        values = List.copyOf(sweptValues);
        clearPoints();
        migX = xAxisFor(axis, values);
        reconstructionX = xAxisFor(axis, values);
        migPlot.setDomainAxis(migX);
        reconstructionPlot.setDomainAxis(reconstructionX);
        applyFonts();
        applyPalette();
        notify(true);
    }

    /** Forgets every point; the x axis stays laid out for the last sweep. */
    public void clear() {
        checkFxThread();
        notify(false);
        clearPoints();
        notify(true);
    }

    private void notify(boolean on) {
        migChart.setNotify(on);
        reconstructionChart.setNotify(on);
    }

    private void clearPoints() {
        shown.clear();
        mig.clear();
        reconstruction.clear();
        for (ValueMarker m : markers) {
            migPlot.removeDomainMarker(m);
            reconstructionPlot.removeDomainMarker(m);
        }
        markers.clear();
    }

    /**
     * Adds a finished point: its MIG (when measured) to the top panel, its reconstruction error to the bottom one; a
     * diverged point only as a marked value. A second point at the same value replaces the first.
     */
    public void add(SweepPoint p) {
        checkFxThread();
        Objects.requireNonNull(p, "point");
        shown.removeIf(q -> q.value() == p.value());
        shown.add(p);
        replot();
    }

    private void replot() {
        notify(false);
        mig.clear();
        reconstruction.clear();
        for (ValueMarker m : markers) {
            migPlot.removeDomainMarker(m);
            reconstructionPlot.removeDomainMarker(m);
        }
        markers.clear();
        for (SweepPoint p : shown) {
            if (p.diverged()) {
                marker(p.value(), true);
                continue;
            }
            if (p.hasMig() && migUnavailable.isEmpty()) {
                mig.add(p.value(), p.mig());
            }
            double r = unit == Reconstruction.NATS_PER_EXAMPLE ? p.reconstruction() : p.msePerPixel();
            if (Double.isFinite(r)) {
                reconstruction.add(p.value(), r);
            }
        }
        scaleMig();
        applyPalette();
        notify(true);
    }

    /**
     * MIG's axis from 0 to at least {@link #MIG_FLOOR}: a MIG of 0.01 and one of 0.03 are both "hardly
     * disentangled", and an axis zoomed to 0..0.03 would draw the estimator's noise as a trend.
     */
    private void scaleMig() {
        double top = 0;
        for (int i = 0; i < mig.getItemCount(); i++) {
            top = Math.max(top, mig.getY(i).doubleValue());
        }
        migAxis.setRange(0, mig.getItemCount() == 0 ? 1.05 : Math.min(1.05, Math.max(MIG_FLOOR, top * 1.15)));
    }

    private void marker(double value, boolean labelled) {
        ChartPalette pal = dark ? ChartPalette.DARK : ChartPalette.LIGHT;
        for (XYPlot sub : List.of(migPlot, reconstructionPlot)) {
            ValueMarker m = new ValueMarker(value, pal.validation(), ChartPalette.MARKER_STROKE);
            if (labelled) {
                m.setLabel(DIVERGED);
                m.setLabelFont(ChartPalette.scaled(ChartPalette.MARKER_FONT, fontScale));
                m.setLabelPaint(pal.validation());
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            }
            sub.addDomainMarker(m);
            markers.add(m);
        }
    }

    /** Which reconstruction error the bottom panel shows. */
    public void setReconstruction(Reconstruction r) {
        checkFxThread();
        unit = Objects.requireNonNull(r, "reconstruction");
        reconstructionTitle.setText(r.axisLabel());
        replot();
    }

    public Reconstruction reconstructionShown() {
        return unit;
    }

    /** Shows or hides the MIG panel (the reconstruction panel then takes the whole width). */
    public void setMigShown(boolean on) {
        checkFxThread();
        if (on == migShown) {
            return;
        }
        migShown = on;
        migViewer.setVisible(on);
        migViewer.setManaged(on);
        panels.getColumnConstraints().get(0).setPercentWidth(on ? 50 : 0);
        panels.getColumnConstraints().get(1).setPercentWidth(on ? 50 : 100);
    }

    public boolean isMigShown() {
        return migShown;
    }

    /**
     * Why the data gives no MIG, shown in the MIG panel in place of a line; "" when it gives one. The points already
     * added are drawn again accordingly.
     */
    public void setMigUnavailable(String reason) {
        checkFxThread();
        migUnavailable = reason == null ? "" : reason;
        migPlot.setNoDataMessage(migUnavailable.isEmpty() ? null : migUnavailable);
        replot();
    }

    /** The points drawn on one panel's line ({@link #MIG_SERIES} or {@link #RECONSTRUCTION_SERIES}). */
    public int pointCount(String series) {
        return (MIG_SERIES.equals(series) ? mig : reconstruction).getItemCount();
    }

    /** The values marked as diverged. */
    public List<Double> divergedValues() {
        return shown.stream().filter(SweepPoint::diverged).map(SweepPoint::value).toList();
    }

    /** The MIG panel's chart, for export and tests. */
    public JFreeChart migChart() {
        return migChart;
    }

    /** The reconstruction panel's chart, for export and tests. */
    public JFreeChart reconstructionChart() {
        return reconstructionChart;
    }

    /** The reconstruction panel's title: what its line is, in which unit. */
    String reconstructionTitle() {
        return reconstructionTitle.getText();
    }

    /** The shared x axis layout, for tests: the MIG panel's (the other's is alike). */
    ValueAxis xAxis() {
        return migX;
    }

    /** Scales the chart's texts (presenter mode); 1 is the desk size. */
    public void setFontScale(double f) {
        fontScale = f;
        applyFonts();
        replot();
    }

    public void setDark(boolean dark) {
        checkFxThread();
        this.dark = dark;
        pseudoClassStateChanged(DARK, dark);
        replot();
    }

    public boolean isDark() {
        return dark;
    }

    private void applyFonts() {
        for (ValueAxis a : List.of(migX, reconstructionX, migAxis, reconstructionAxis)) {
            a.setTickLabelFont(ChartPalette.scaled(ChartPalette.TICK_FONT, fontScale));
            a.setLabelFont(ChartPalette.scaled(ChartPalette.AXIS_LABEL_FONT, fontScale));
        }
        for (TextTitle t : List.of(migTitle, reconstructionTitle)) {
            t.setFont(ChartPalette.scaled(ChartPalette.AXIS_LABEL_FONT, fontScale));
        }
        migPlot.setNoDataMessageFont(ChartPalette.scaled(ChartPalette.LEGEND_FONT, fontScale));
    }

    /** MIG in the palette's green, the reconstruction in its blue; the diverged markers in its vermillion. */
    private void applyPalette() {
        ChartPalette p = dark ? ChartPalette.DARK : ChartPalette.LIGHT;
        for (JFreeChart c : List.of(migChart, reconstructionChart)) {
            c.setBackgroundPaint(p.background());
        }
        migTitle.setPaint(p.text());
        reconstructionTitle.setPaint(p.text());
        for (XYPlot sub : List.of(migPlot, reconstructionPlot)) {
            sub.setBackgroundPaint(p.plot());
            sub.setDomainGridlinePaint(p.grid());
            sub.setRangeGridlinePaint(p.grid());
            sub.setNoDataMessagePaint(p.text());
        }
        for (ValueAxis a : List.of(migX, reconstructionX, migAxis, reconstructionAxis)) {
            a.setTickLabelPaint(p.text());
            a.setLabelPaint(p.text());
            a.setAxisLinePaint(p.axisLine());
            a.setTickMarkPaint(p.axisLine());
        }
        migRenderer.setSeriesPaint(0, p.accent());
        reconstructionRenderer.setSeriesPaint(0, p.train());
        for (ValueMarker m : markers) {
            m.setPaint(p.validation());
            m.setLabelPaint(p.validation());
        }
    }

    /** Base-2 log for beta when every value is positive (ticks at the values); linear otherwise. */
    private static ValueAxis xAxisFor(SweepAxis axis, List<Double> values) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(16);
        List<Double> ticks = values.size() <= MAX_VALUE_TICKS ? values : List.of();
        if (axis != SweepAxis.CAPACITY && lo > 0) {
            LogAxis log = new ValueTickLogAxis(axis.label() + " (log scale)", ticks);
            log.setBase(2);
            log.setSmallestValue(Math.min(lo, 1) / 4);
            log.setNumberFormatOverride(new DecimalFormat("0.###"));
            log.setMinorTickMarksVisible(false);
            log.setAutoRange(false);
            log.setRange(lo / 1.4, hi * 1.4);
            return log;
        }
        NumberAxis lin = new ValueTickNumberAxis(axis.label(), ticks);
        lin.setNumberFormatOverride(new DecimalFormat("0.###"));
        lin.setAutoRangeIncludesZero(false);
        double span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
        lin.setAutoRange(false);
        lin.setRange(lo - 0.06 * span, hi + 0.06 * span);
        return lin;
    }

    /** Tick marks at the given values (the sweep's), or the axis' own when none are given. */
    private static List<NumberTick> valueTicks(List<Double> ticks, DecimalFormat format) {
        List<NumberTick> out = new ArrayList<>();
        for (double v : ticks) {
            out.add(new NumberTick(TickType.MAJOR, v, format.format(v), TextAnchor.TOP_CENTER, TextAnchor.CENTER,
                    0));
        }
        return out;
    }

    /** A log axis ticked at the swept values. */
    private static final class ValueTickLogAxis extends LogAxis {
        private final List<Double> ticks;

        ValueTickLogAxis(String label, List<Double> ticks) {
            super(label);
            this.ticks = List.copyOf(ticks);
        }

        @Override
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks.isEmpty() ? super.refreshTicks(g2, state, dataArea, edge)
                    : valueTicks(ticks, new DecimalFormat("0.###"));
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof ValueTickLogAxis a && a.ticks.equals(ticks);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** A linear axis ticked at the swept values. */
    private static final class ValueTickNumberAxis extends NumberAxis {
        private final List<Double> ticks;

        ValueTickNumberAxis(String label, List<Double> ticks) {
            super(label);
            this.ticks = List.copyOf(ticks);
        }

        @Override
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks.isEmpty() ? super.refreshTicks(g2, state, dataArea, edge)
                    : valueTicks(ticks, new DecimalFormat("0.###"));
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof ValueTickNumberAxis a && a.ticks.equals(ticks);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("TradeOffChart is used from " + Thread.currentThread().getName()
                    + "; call it on the JavaFX application thread");
        }
    }
}

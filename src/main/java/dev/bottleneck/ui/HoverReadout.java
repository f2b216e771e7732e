package dev.bottleneck.ui;

import java.awt.geom.Rectangle2D;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;

/**
 * The hover read-out of a chart: a crosshair, a dot and a label (the curve's name, the epoch and the value) at the
 * drawn point nearest the mouse. It is a layer of JavaFX nodes over the chart rather than
 * JFreeChart's crosshair overlay, because every overlay change makes the canvas redraw the whole chart, while moving
 * a few nodes costs nothing.
 */
final class HoverReadout {

    /** How far from a curve, in pixels, the mouse still reads it out. */
    static final double REACH = 40;
    /** Epoch points are drawn as markers of this radius; their whole marker counts as "on" the point. */
    private static final double MARKER_RADIUS = 6;

    /** The point read out: its curve, data coordinates and position on the canvas. */
    record Hit(String series, double epoch, double value, double px, double py) {
        String text(String unit) {
            return series + "\n" + String.format(Locale.ROOT, "epoch %s: %.4g", formatEpoch(epoch), value)
                    + (unit == null || unit.isEmpty() ? "" : " " + unit);
        }
    }

    private String unit = "";

    /** The unit the read-out states after each value ("nats per example"). */
    void setUnit(String unit) {
        this.unit = unit;
    }

    private final ChartViewer viewer;
    private final XYPlot plot;
    /** The datasets to search, bottom to top; the first of several equally near hits wins, so the topmost. */
    private final Supplier<XYDataset[]> datasets;
    /** Datasets from this index on are drawn with markers (the epoch curves). */
    private final int firstMarked;
    private final Pane layer = new Pane();
    private final Line vertical = new Line();
    private final Line horizontal = new Line();
    private final Circle dot = new Circle(6);
    private final Label label = new Label();
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private Hit hit;

    HoverReadout(ChartViewer viewer, XYPlot plot, Supplier<XYDataset[]> datasets, int firstMarked) {
        this.viewer = viewer;
        this.plot = plot;
        this.datasets = datasets;
        this.firstMarked = firstMarked;
        vertical.getStrokeDashArray().setAll(4.0, 4.0);
        horizontal.getStrokeDashArray().setAll(4.0, 4.0);
        dot.setStrokeWidth(2);
        dot.setFill(Color.TRANSPARENT);
        label.getStyleClass().add("chart-hover-label");
        layer.getChildren().addAll(vertical, horizontal, dot, label);
        layer.setMouseTransparent(true);
        show(null);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getTrigger().getClickCount() == 2) {
                    plot.getDomainAxis().setAutoRange(true);
                    plot.getRangeAxis().setAutoRange(true);
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                moveTo(event.getTrigger().getX(), event.getTrigger().getY());
            }
        });
        viewer.getCanvas().addEventHandler(MouseEvent.MOUSE_EXITED, e -> clear());
    }

    /** The node to stack over the chart viewer, same size. */
    Pane layer() {
        return layer;
    }

    /** Reads out the point nearest a position in canvas pixels. */
    void moveTo(double x, double y) {
        mouseX = x;
        mouseY = y;
        update();
    }

    /** Searches again at the last mouse position, after the data or axes changed. */
    void update() {
        show(Double.isNaN(mouseX) ? null : find(mouseX, mouseY));
    }

    void clear() {
        mouseX = Double.NaN;
        mouseY = Double.NaN;
        show(null);
    }

    /** The read-out's text, empty when nothing is read out. */
    String text() {
        return hit == null ? "" : hit.text(unit);
    }

    /** The point read out now, or null. */
    Hit hit() {
        return hit;
    }

    void applyPalette(ChartPalette p) {
        Color text = fx(p.text(), 1.0);
        vertical.setStroke(fx(p.text(), 0.45));
        horizontal.setStroke(fx(p.text(), 0.45));
        dot.setStroke(text);
        label.setTextFill(text);
        label.setStyle("-fx-background-color: " + web(p.plot(), 0.9) + "; -fx-border-color: " + web(p.axisLine(), 1)
                + "; -fx-padding: 2 6 2 6; -fx-font-size: 15px;");
    }

    /** The drawn point nearest (x, y) in canvas pixels within {@link #REACH}, or null. */
    Hit find(double x, double y) {
        ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return null;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (area.getWidth() <= 0 || !area.contains(x, y)) {
            return null;
        }
        ValueAxis xAxis = plot.getDomainAxis();
        ValueAxis yAxis = plot.getRangeAxis();
        Hit best = null;
        double bestDistance = REACH;
        XYDataset[] all = datasets.get();
        for (int d = all.length - 1; d >= 0; d--) {
            XYDataset ds = all[d];
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                boolean marked = d >= firstMarked;
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    double ex = ds.getXValue(s, i);
                    double ey = ds.getYValue(s, i);
                    if (!Double.isFinite(ex) || !Double.isFinite(ey)) {
                        continue;
                    }
                    double px = xAxis.valueToJava2D(ex, area, plot.getDomainAxisEdge());
                    double py = yAxis.valueToJava2D(ey, area, plot.getRangeAxisEdge());
                    double distance = Math.max(0, Math.hypot(px - x, py - y) - (marked ? MARKER_RADIUS : 0));
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = new Hit(ds.getSeriesKey(s).toString(), ex, ey, px, py);
                    }
                }
            }
        }
        return best;
    }

    private void show(Hit h) {
        hit = h;
        boolean visible = h != null;
        vertical.setVisible(visible);
        horizontal.setVisible(visible);
        dot.setVisible(visible);
        label.setVisible(visible);
        if (!visible) {
            return;
        }
        Rectangle2D area = viewer.getCanvas().getRenderingInfo().getPlotInfo().getDataArea();
        vertical.setStartX(h.px());
        vertical.setEndX(h.px());
        vertical.setStartY(area.getMinY());
        vertical.setEndY(area.getMaxY());
        horizontal.setStartX(area.getMinX());
        horizontal.setEndX(area.getMaxX());
        horizontal.setStartY(h.py());
        horizontal.setEndY(h.py());
        dot.setCenterX(h.px());
        dot.setCenterY(h.py());
        label.setText(h.text(unit));
        label.autosize();
        // Up and to the right of the point, flipped inside the data area near its right or top edge.
        double lx = h.px() + 12;
        double ly = h.py() - 12 - label.getHeight();
        if (lx + label.getWidth() > area.getMaxX()) {
            lx = h.px() - 12 - label.getWidth();
        }
        if (ly < area.getMinY()) {
            ly = h.py() + 12;
        }
        label.relocate(lx, ly);
    }

    static String formatEpoch(double epoch) {
        return epoch == Math.rint(epoch) ? String.valueOf((long) epoch)
                : String.format(Locale.ROOT, "%.2f", epoch);
    }

    private static Color fx(java.awt.Color c, double opacity) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), opacity * c.getAlpha() / 255.0);
    }

    private static String web(java.awt.Color c, double opacity) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", c.getRed(), c.getGreen(), c.getBlue(), opacity);
    }
}

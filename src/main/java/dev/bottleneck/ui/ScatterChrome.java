package dev.bottleneck.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** Lays out and paints what surrounds the points of a {@link LatentScatter}: grid, axes, tick labels, titles, legend. */
final class ScatterChrome {

    private static final double TICK = 4;
    private static final double GAP = 4;
    private static final double SWATCH = 10;
    private static final double MIN_PLOT_FOR_LEGEND = 160;

    /** One legend row; a null colour means the foreground colour. */
    record Entry(String name, Color color) {
    }

    /** Where everything goes, in the scatter's local coordinates; the plot rectangle is in whole pixels. */
    record Layout(double width, double height, double plotX, double plotY, double plotW, double plotH,
            AxisTicks xTicks, AxisTicks yTicks, double legendX, double legendY, int legendRows, double rowHeight,
            double lineHeight) {

        boolean samePlotArea(Layout other) {
            return other != null && width == other.width && height == other.height && plotX == other.plotX
                    && plotY == other.plotY && plotW == other.plotW && plotH == other.plotH;
        }
    }

    private final Text measure = new Text();

    Layout layout(double width, double height, Insets in, Font font, double[] view, String xTitle, String yTitle,
            List<Entry> legend) {
        measure.setFont(font);
        double lineH = Math.ceil(textHeight());
        double rowH = Math.ceil(Math.max(lineH, SWATCH) * 1.3);
        double top = in.getTop() + Math.ceil(lineH / 2);
        double bottom = in.getBottom() + TICK + GAP + lineH + (blank(xTitle) ? 0 : GAP + lineH);
        double plotY = Math.round(top);
        double plotH = Math.max(1, Math.floor(height - bottom - plotY));

        AxisTicks yTicks = AxisTicks.of(view[2], view[3], (int) Math.max(3, plotH / 45));
        // Rounded up to 8 px so that panning does not make the plot jitter sideways as label widths change.
        double yLabelW = Math.ceil(maxWidth(yTicks.labels()) / 8) * 8;
        double left = in.getLeft() + (blank(yTitle) ? 0 : lineH + GAP) + yLabelW + GAP + TICK;

        double legendW = 0;
        if (!legend.isEmpty()) {
            double names = 0;
            for (Entry e : legend) {
                names = Math.max(names, width(e.name()));
            }
            legendW = 3 * GAP + SWATCH + 1.5 * GAP + names + GAP;
        }
        double right = in.getRight() + GAP * 2;
        if (legendW > 0 && width - left - right - legendW >= MIN_PLOT_FOR_LEGEND) {
            right += legendW;
        } else {
            legendW = 0;
        }
        double plotX = Math.round(left);
        double plotW = Math.max(1, Math.floor(width - right - plotX));

        AxisTicks xTicks = AxisTicks.of(view[0], view[1], (int) Math.max(3, plotW / 80));
        double xLabelW = maxWidth(xTicks.labels()) + 3 * GAP;
        if (xTicks.size() * xLabelW > plotW) {
            xTicks = AxisTicks.of(view[0], view[1], (int) Math.max(1, plotW / xLabelW));
        }

        int rows = 0;
        if (legendW > 0) {
            double available = height - in.getTop() - in.getBottom();
            rows = (int) Math.min(legend.size(), Math.max(0, Math.floor(available / rowH)));
        }
        return new Layout(width, height, plotX, plotY, plotW, plotH, xTicks, yTicks, plotX + plotW + 3 * GAP,
                plotY, rows, rowH, lineH);
    }

    void paint(GraphicsContext gc, Layout l, Font font, double[] view, Color fg, Color grid, String xTitle,
            String yTitle, List<Entry> legend, Insets in) {
        gc.clearRect(0, 0, l.width(), l.height());
        gc.setFont(font);
        gc.setLineWidth(1);
        double x0 = l.plotX();
        double y0 = l.plotY();
        double x1 = x0 + l.plotW();
        double y1 = y0 + l.plotH();

        gc.setStroke(grid);
        for (double v : l.xTicks().values()) {
            double px = crisp(x0 + (v - view[0]) / (view[1] - view[0]) * l.plotW());
            gc.strokeLine(px, y0, px, y1);
        }
        for (double v : l.yTicks().values()) {
            double py = crisp(y1 - (v - view[2]) / (view[3] - view[2]) * l.plotH());
            gc.strokeLine(x0, py, x1, py);
        }
        gc.strokeRect(x0 + 0.5, y0 + 0.5, l.plotW() - 1, l.plotH() - 1);

        gc.setStroke(fg);
        gc.setFill(fg);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        for (int k = 0; k < l.xTicks().size(); k++) {
            double px = crisp(x0 + (l.xTicks().values()[k] - view[0]) / (view[1] - view[0]) * l.plotW());
            gc.strokeLine(px, y1, px, y1 + TICK);
            String label = l.xTicks().labels()[k];
            double half = width(label) / 2;
            // Kept inside the component: a tick at the plot's right edge would otherwise spill over.
            double cx = Math.max(in.getLeft() + half, Math.min(l.width() - in.getRight() - half, px));
            gc.fillText(label, cx, y1 + TICK + GAP / 2);
        }
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < l.yTicks().size(); k++) {
            double py = crisp(y1 - (l.yTicks().values()[k] - view[2]) / (view[3] - view[2]) * l.plotH());
            gc.strokeLine(x0 - TICK, py, x0, py);
            gc.fillText(l.yTicks().labels()[k], x0 - TICK - GAP, py);
        }

        gc.setTextAlign(TextAlignment.CENTER);
        if (!blank(xTitle)) {
            gc.setTextBaseline(VPos.BOTTOM);
            gc.fillText(xTitle, x0 + l.plotW() / 2, l.height() - in.getBottom());
        }
        if (!blank(yTitle)) {
            gc.save();
            gc.translate(in.getLeft() + l.lineHeight() / 2, y0 + l.plotH() / 2);
            gc.rotate(-90);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(yTitle, 0, 0);
            gc.restore();
        }
        paintLegend(gc, l, fg, legend);
    }

    private void paintLegend(GraphicsContext gc, Layout l, Color fg, List<Entry> legend) {
        int rows = l.legendRows();
        if (rows == 0) {
            return;
        }
        boolean truncated = rows < legend.size();
        int shown = truncated ? rows - 1 : rows;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        double textX = l.legendX() + SWATCH + 1.5 * GAP;
        for (int k = 0; k < shown; k++) {
            double cy = l.legendY() + (k + 0.5) * l.rowHeight();
            gc.setFill(legend.get(k).color() == null ? fg : legend.get(k).color());
            gc.fillOval(l.legendX(), cy - SWATCH / 2, SWATCH, SWATCH);
            gc.setFill(fg);
            gc.fillText(legend.get(k).name(), textX, cy);
        }
        if (truncated) {
            gc.setFill(fg);
            gc.fillText("+" + (legend.size() - shown) + " more", l.legendX(), l.legendY() + (shown + 0.5) * l.rowHeight());
        }
    }

    private static double crisp(double v) {
        return Math.floor(v) + 0.5;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private double textHeight() {
        measure.setText("Ag");
        return measure.getLayoutBounds().getHeight();
    }

    private double width(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private double maxWidth(String[] labels) {
        double w = 0;
        for (String s : labels) {
            w = Math.max(w, width(s));
        }
        return w;
    }
}

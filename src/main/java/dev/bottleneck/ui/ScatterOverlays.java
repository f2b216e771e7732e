package dev.bottleneck.ui;

import java.util.function.BiFunction;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * What a {@link LatentScatter} paints on its overlay canvas besides the rings: a path in data coordinates
 * (e.g. an interpolation between two examples) and the legend of hollow point sizes.
 */
final class ScatterOverlays {

    /** Colour of the path: a green, the one hue that the Petroff palette of the points leaves out. */
    static final Color PATH_COLOR = Color.web("#16a34a");
    static final double PATH_WIDTH = 2;
    private static final double MARKER = 3;
    private static final double END_MARKER = 4.5;
    /** A wider line of the background colour under the path, so that it stands out from the points it crosses. */
    private static final double HALO_WIDTH = 5;
    private static final double PAD = 5;

    private final Text measure = new Text();

    /**
     * Draws the polyline through the points, {@code toLocal} mapping data to canvas coordinates, with a marker
     * (outlined in {@code halo}) at each point and a larger one at both ends. A non-finite point breaks the line.
     */
    void paintPath(GraphicsContext gc, float[] x, float[] y, BiFunction<Double, Double, Point2D> toLocal,
            Color halo) {
        int n = x.length;
        Point2D[] p = new Point2D[n];
        for (int i = 0; i < n; i++) {
            p[i] = Float.isFinite(x[i]) && Float.isFinite(y[i]) ? toLocal.apply((double) x[i], (double) y[i]) : null;
        }
        gc.beginPath();
        boolean open = false;
        for (Point2D q : p) {
            if (q == null) {
                open = false;
            } else if (open) {
                gc.lineTo(q.getX(), q.getY());
            } else {
                gc.moveTo(q.getX(), q.getY());
                open = true;
            }
        }
        gc.setLineJoin(StrokeLineJoin.ROUND);
        gc.setLineCap(StrokeLineCap.ROUND);
        gc.setStroke(halo.deriveColor(0, 1, 1, 0.75));
        gc.setLineWidth(HALO_WIDTH);
        gc.stroke();
        gc.setStroke(PATH_COLOR);
        gc.setLineWidth(PATH_WIDTH);
        gc.stroke();
        gc.setLineJoin(StrokeLineJoin.MITER);
        gc.setLineCap(StrokeLineCap.SQUARE);
        gc.setFill(PATH_COLOR);
        gc.setStroke(halo);
        gc.setLineWidth(1.5);
        for (int i = 0; i < n; i++) {
            if (p[i] != null) {
                double r = i == 0 || i == n - 1 ? END_MARKER : MARKER;
                gc.fillOval(p[i].getX() - r, p[i].getY() - r, 2 * r, 2 * r);
                gc.strokeOval(p[i].getX() - r, p[i].getY() - r, 2 * r, 2 * r);
            }
        }
    }

    /**
     * The size legend in the bottom-right corner of a {@code w x h} plot: the caption above three rings, smallest,
     * middle and largest, between "low" and "high", on a box of the background colour.
     */
    void paintSizeLegend(GraphicsContext gc, double w, double h, String caption, Font font, Color fg,
            Color background) {
        measure.setFont(font);
        double lineH = Math.ceil(textWidthHeight("Ag")[1]);
        double lowW = textWidthHeight("low")[0];
        double highW = textWidthHeight("high")[0];
        double max = PointSizes.MAX_DIAMETER;
        double ringsW = PointSizes.MIN_DIAMETER + PointSizes.diameter(PointSizes.CLASSES / 2) + max + 4 * PAD;
        double rowW = lowW + PAD + ringsW + PAD + highW;
        double captionW = caption.isBlank() ? 0 : textWidthHeight(caption)[0];
        double boxW = Math.ceil(Math.max(rowW, captionW) + 2 * PAD);
        double boxH = Math.ceil((caption.isBlank() ? 0 : lineH + PAD / 2) + Math.max(lineH, max) + 2 * PAD);
        double bx = Math.floor(w - boxW - PAD);
        double by = Math.floor(h - boxH - PAD);
        if (bx < 0 || by < 0) {
            return;
        }
        gc.setFill(background.deriveColor(0, 1, 1, 0.85));
        gc.fillRoundRect(bx, by, boxW, boxH, 6, 6);
        gc.setFont(font);
        gc.setFill(fg);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        double row = by + boxH - PAD - Math.max(lineH, max) / 2;
        if (!caption.isBlank()) {
            gc.fillText(caption, bx + PAD, by + PAD + lineH / 2);
        }
        double cx = bx + boxW - PAD - rowW;
        gc.fillText("low", cx, row);
        cx += lowW + PAD;
        gc.setStroke(fg);
        gc.setLineWidth(PointLayer.RING_WIDTH);
        for (double d : new double[] {PointSizes.MIN_DIAMETER, PointSizes.diameter(PointSizes.CLASSES / 2), max}) {
            double r = (d - PointLayer.RING_WIDTH) / 2;
            gc.strokeOval(cx + d / 2 - r, row - r, 2 * r, 2 * r);
            cx += d + 2 * PAD;
        }
        gc.fillText("high", cx - PAD, row);
    }

    private double[] textWidthHeight(String s) {
        measure.setText(s);
        return new double[] {measure.getLayoutBounds().getWidth(), measure.getLayoutBounds().getHeight()};
    }
}

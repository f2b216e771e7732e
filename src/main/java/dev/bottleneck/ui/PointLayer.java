package dev.bottleneck.ui;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The points of a scatter as one image: a {@link DotRasterizer} fills a pixel buffer, which is copied into a
 * {@link WritableImage} shown by an {@link ImageView} over the plot area. On a HiDPI screen the buffer has the
 * screen's pixels and the view scales it down to the plot's size in layout units.
 */
final class PointLayer {

    /** Line width of a hollow point in layout units. */
    static final double RING_WIDTH = 1.3;

    private final ImageView view = new ImageView();
    private final DotRasterizer rasterizer = new DotRasterizer();
    private WritableImage image;
    private String style = "";
    private double dotDiameter = 4;

    ImageView node() {
        return view;
    }

    WritableImage image() {
        return image;
    }

    /** Diameter of a dot in layout units, as last painted. */
    double dotDiameter() {
        return dotDiameter;
    }

    /** Places the layer over the plot area, whose size is in whole layout units. */
    void place(double plotX, double plotY, double plotW, double plotH) {
        view.relocate(plotX, plotY);
        view.setFitWidth(plotW);
        view.setFitHeight(plotH);
    }

    /**
     * Repaints all points for {@code window} on a plot of {@code plotW x plotH} layout units.
     *
     * @param scale screen pixels per layout unit
     * @param unknown colour of points with an unknown label
     */
    void paint(ScatterPoints points, ViewWindow window, double plotW, double plotH, double scale, Color unknown) {
        int w = (int) Math.ceil(plotW * scale);
        int h = (int) Math.ceil(plotH * scale);
        if (w <= 0 || h <= 0) {
            return;
        }
        prepareStyle(points.size(), scale, unknown);
        rasterizer.resize(w, h);
        rasterizer.clear();
        double kx = plotW * scale / window.width();
        double ky = plotH * scale / window.height();
        if (points.drawSizeClasses() == null) {
            rasterizer.draw(points.drawX(), points.drawY(), points.drawSlots(), -window.x0() * kx, kx,
                    window.y1() * ky, -ky);
        } else {
            rasterizer.drawRings(points.drawX(), points.drawY(), points.drawSlots(), points.drawSizeClasses(),
                    -window.x0() * kx, kx, window.y1() * ky, -ky);
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            image = new WritableImage(w, h);
            view.setImage(image);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), rasterizer.pixels(), 0, w);
    }

    /** Smaller, fainter dots for more points, so that dense clusters keep their structure instead of saturating. */
    private void prepareStyle(int count, double scale, Color unknown) {
        int n = Math.max(1, count);
        dotDiameter = Math.max(2.5, Math.min(8, 10 / Math.pow(n, 0.125)));
        double alpha = Math.max(0.35, Math.min(0.95, 1.4 - 0.2 * Math.log10(n)));
        String next = dotDiameter + "/" + alpha + "/" + scale + "/" + unknown;
        if (!next.equals(style)) {
            int[] argb = new int[ScatterPoints.UNKNOWN_SLOT + 1];
            for (int c = 0; c < ScatterPoints.UNKNOWN_SLOT; c++) {
                argb[c] = toArgb(ScatterPalette.PETROFF_10.get(c));
            }
            argb[ScatterPoints.UNKNOWN_SLOT] = toArgb(unknown);
            rasterizer.setStyle(dotDiameter * scale, alpha, argb);
            // A thin ring covers fewer pixels than a dot, so it needs more opacity to read as its colour.
            rasterizer.setRingStyle(PointSizes.diameters(scale), RING_WIDTH * scale, Math.min(0.95, alpha + 0.3),
                    argb);
            style = next;
        }
    }

    private static int toArgb(Color c) {
        return 0xFF << 24 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}

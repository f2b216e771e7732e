package dev.bottleneck.ui;

import javafx.geometry.Rectangle2D;

/**
 * The rectangle of data space a plot shows, and the zoom, pan and fit operations on it. Knows nothing of pixels
 * except through the fractions its callers pass.
 */
final class ViewWindow {

    private static final double FIT_MARGIN = 0.05;
    /** Zoom limits relative to the data's extent: deep enough for float resolution, not so far out the data vanishes. */
    private static final double MIN_SPAN = 1e-6;
    private static final double MAX_SPAN = 1e4;

    private double x0 = -1;
    private double x1 = 1;
    private double y0 = -1;
    private double y1 = 1;
    private boolean userMoved;

    double x0() {
        return x0;
    }

    double x1() {
        return x1;
    }

    double y0() {
        return y0;
    }

    double y1() {
        return y1;
    }

    double width() {
        return x1 - x0;
    }

    double height() {
        return y1 - y0;
    }

    /** The window as {x0, x1, y0, y1}. */
    double[] toArray() {
        return new double[] {x0, x1, y0, y1};
    }

    Rectangle2D toRectangle() {
        return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
    }

    /** True once the user zoomed or panned; then data updates no longer refit the window. */
    boolean userMoved() {
        return userMoved;
    }

    /**
     * Shows {@code bounds} = {minX, maxX, minY, maxY} with a 5 % margin on each side; a degenerate extent gets a
     * margin of its own, so that a single point or a line still shows. Clears {@link #userMoved()}.
     */
    void fit(double[] bounds) {
        double padX = bounds[1] > bounds[0] ? (bounds[1] - bounds[0]) * FIT_MARGIN : Math.max(1, Math.abs(bounds[0]) * 0.1);
        double padY = bounds[3] > bounds[2] ? (bounds[3] - bounds[2]) * FIT_MARGIN : Math.max(1, Math.abs(bounds[2]) * 0.1);
        x0 = bounds[0] - padX;
        x1 = bounds[1] + padX;
        y0 = bounds[2] - padY;
        y1 = bounds[3] + padY;
        userMoved = false;
    }

    /**
     * Zooms by {@code factor} (> 1 zooms in) keeping the data point at fractions {@code (fx, fy)} of the window
     * (0 = left or bottom) where it is.
     *
     * @param extent the data's larger side, which bounds how far one can zoom
     * @return whether the window changed
     */
    boolean zoom(double factor, double fx, double fy, double extent) {
        if (!(factor > 0) || !Double.isFinite(factor) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            return false;
        }
        double w = width() / factor;
        double h = height() / factor;
        double scale = Math.max(extent, 1e-12);
        if (Math.max(w, h) < scale * MIN_SPAN || Math.max(w, h) > scale * MAX_SPAN) {
            return false;
        }
        double cx = x0 + fx * width();
        double cy = y0 + fy * height();
        return set(cx - fx * w, cx + (1 - fx) * w, cy - fy * h, cy + (1 - fy) * h);
    }

    /** Moves the window by fractions of its size: positive dx shows what lies to the right, dy what lies above. */
    boolean pan(double dx, double dy) {
        return set(x0 + dx * width(), x1 + dx * width(), y0 + dy * height(), y1 + dy * height());
    }

    /** Sets the window as the user's choice; ignores empty, inverted or non-finite windows. */
    boolean set(double nx0, double nx1, double ny0, double ny1) {
        if (!(nx1 > nx0 && ny1 > ny0) || !Double.isFinite(nx1 - nx0) || !Double.isFinite(ny1 - ny0)) {
            return false;
        }
        x0 = nx0;
        x1 = nx1;
        y0 = ny0;
        y1 = ny1;
        userMoved = true;
        return true;
    }
}

package dev.bottleneck.ui;

/**
 * A uniform grid over the bounding box of a point set in data coordinates, for nearest-point queries in screen
 * distance. Built in O(n) with a counting sort: {@code cellStart[c] .. cellStart[c + 1]} indexes {@code items}, which
 * holds the point indices of cell {@code c} in ascending order. Points with a non-finite coordinate are left out.
 *
 * <p>The grid aims at about two points per cell. A query visits only the cells that overlap the search radius, so it
 * costs O(points near the cursor) and never more than one pass over all points.
 */
final class PointGrid {

    private static final int MAX_CELLS_PER_SIDE = 2048;

    private final float[] x;
    private final float[] y;
    private final double minX;
    private final double minY;
    private final double maxX;
    private final double maxY;
    private final int cols;
    private final int rows;
    private final double cellsPerUnitX;
    private final double cellsPerUnitY;
    private final int[] cellStart;
    private final int[] items;

    /** Indexes {@code x.length} points. The arrays are not copied: the caller must not change them afterwards. */
    PointGrid(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
        this.x = x;
        this.y = y;
        double loX = Double.POSITIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY;
        double hiX = Double.NEGATIVE_INFINITY;
        double hiY = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (int i = 0; i < x.length; i++) {
            if (Float.isFinite(x[i]) && Float.isFinite(y[i])) {
                loX = Math.min(loX, x[i]);
                hiX = Math.max(hiX, x[i]);
                loY = Math.min(loY, y[i]);
                hiY = Math.max(hiY, y[i]);
                finite++;
            }
        }
        if (finite == 0) {
            loX = loY = hiX = hiY = 0;
        }
        minX = loX;
        minY = loY;
        maxX = hiX;
        maxY = hiY;
        double w = hiX - loX;
        double h = hiY - loY;
        double targetCells = Math.max(1, finite / 2.0);
        if (w > 0 && h > 0) {
            cols = clampCells(Math.sqrt(targetCells * w / h));
            rows = clampCells(targetCells / cols);
        } else {
            cols = w > 0 ? clampCells(targetCells) : 1;
            rows = h > 0 ? clampCells(targetCells) : 1;
        }
        cellsPerUnitX = w > 0 ? cols / w : 0;
        cellsPerUnitY = h > 0 ? rows / h : 0;

        int[] cellOf = new int[x.length];
        cellStart = new int[cols * rows + 1];
        for (int i = 0; i < x.length; i++) {
            if (Float.isFinite(x[i]) && Float.isFinite(y[i])) {
                int c = cellRow(y[i]) * cols + cellCol(x[i]);
                cellOf[i] = c;
                cellStart[c + 1]++;
            } else {
                cellOf[i] = -1;
            }
        }
        for (int c = 0; c < cols * rows; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        items = new int[finite];
        int[] fill = new int[cols * rows];
        for (int i = 0; i < x.length; i++) {
            int c = cellOf[i];
            if (c >= 0) {
                items[cellStart[c] + fill[c]++] = i;
            }
        }
    }

    private static int clampCells(double n) {
        return (int) Math.max(1, Math.min(MAX_CELLS_PER_SIDE, Math.round(n)));
    }

    private int cellCol(double v) {
        return Math.max(0, Math.min(cols - 1, (int) ((v - minX) * cellsPerUnitX)));
    }

    private int cellRow(double v) {
        return Math.max(0, Math.min(rows - 1, (int) ((v - minY) * cellsPerUnitY)));
    }

    /**
     * The point nearest to {@code (qx, qy)} in screen distance, or -1 if none lies within {@code radiusPx}.
     *
     * @param pxPerUnitX pixels per data unit along x (> 0); distances are measured after this scaling
     * @param pxPerUnitY pixels per data unit along y (> 0)
     * @return the index of the nearest point; on a tie, the lower index
     */
    int nearest(double qx, double qy, double pxPerUnitX, double pxPerUnitY, double radiusPx) {
        double rx = radiusPx / pxPerUnitX;
        double ry = radiusPx / pxPerUnitY;
        if (items.length == 0 || !(qx + rx >= minX && qx - rx <= maxX && qy + ry >= minY && qy - ry <= maxY)) {
            return -1;
        }
        int c0 = cellCol(qx - rx);
        int c1 = cellCol(qx + rx);
        int r0 = cellRow(qy - ry);
        int r1 = cellRow(qy + ry);
        double best = radiusPx * radiusPx;
        int bestIndex = -1;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = r * cols + c;
                for (int k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
                    int i = items[k];
                    double dx = (x[i] - qx) * pxPerUnitX;
                    double dy = (y[i] - qy) * pxPerUnitY;
                    double d2 = dx * dx + dy * dy;
                    if (d2 < best || (d2 == best && (bestIndex < 0 || i < bestIndex))) {
                        best = d2;
                        bestIndex = i;
                    }
                }
            }
        }
        return bestIndex;
    }

    /** Number of indexed (finite) points. */
    int size() {
        return items.length;
    }
}

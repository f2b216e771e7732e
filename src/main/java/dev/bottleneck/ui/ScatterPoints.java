package dev.bottleneck.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The data of a {@link LatentScatter}: coordinates, the palette slot of each point, a draw order, legend entries,
 * and a {@link PointGrid} for hover that is rebuilt lazily after the coordinates change.
 */
final class ScatterPoints {

    /** Palette slot of points with a negative ("unknown") label: drawn in the foreground colour. */
    static final int UNKNOWN_SLOT = ScatterPalette.PETROFF_10.size();

    private static final long DRAW_ORDER_SEED = 0x5ca77e4L;

    private final float[] x;
    private final float[] y;
    private final int[] slot;
    private final int[] drawOrder;
    private final List<ScatterChrome.Entry> legend;
    private PointGrid grid;
    private double[] bounds;
    /** The coordinates and slots permuted into draw order, rebuilt lazily after a move. */
    private float[] drawX;
    private float[] drawY;
    private int[] drawSlot;
    /** Ring size class per point ({@link PointSizes}) and in draw order, or null for filled dots. */
    private int[] sizeClass;
    private int[] drawSizeClass;

    private ScatterPoints(float[] x, float[] y, int[] slot, int[] drawOrder, List<ScatterChrome.Entry> legend) {
        this.x = x;
        this.y = y;
        this.slot = slot;
        this.drawOrder = drawOrder;
        this.legend = legend;
    }

    static ScatterPoints empty() {
        return new ScatterPoints(new float[0], new float[0], null, new int[0], List.of());
    }

    /** Copies the arrays; see {@link LatentScatter#setPoints} for the meaning of the arguments. */
    static ScatterPoints of(float[] x, float[] y, int[] labels, List<String> labelNames) {
        requireSameLength(x, y);
        if (labels != null && labels.length != x.length) {
            throw new IllegalArgumentException(x.length + " points but " + labels.length + " labels");
        }
        int[] slot = null;
        if (labels != null) {
            slot = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                slot[i] = labels[i] < 0 ? UNKNOWN_SLOT : labels[i] % UNKNOWN_SLOT;
            }
        }
        return new ScatterPoints(x.clone(), y.clone(), slot, shuffledOrder(x.length),
                legendEntries(labels, labelNames == null ? List.of() : labelNames));
    }

    /** Overwrites the coordinates in place; the count must stay the same. */
    void move(float[] newX, float[] newY) {
        requireSameLength(newX, newY);
        if (newX.length != x.length) {
            throw new IllegalArgumentException("expected " + x.length + " points, got " + newX.length);
        }
        System.arraycopy(newX, 0, x, 0, x.length);
        System.arraycopy(newY, 0, y, 0, y.length);
        grid = null;
        bounds = null;
        drawX = null;
    }

    int size() {
        return x.length;
    }

    float[] x() {
        return x;
    }

    float[] y() {
        return y;
    }

    /** Palette slot per point, or null when all points share slot 0. */
    int[] slots() {
        return slot;
    }

    int slotOf(int i) {
        return slot == null ? 0 : slot[i];
    }

    /** x in draw order: a fixed shuffle, see {@link #shuffledOrder}. */
    float[] drawX() {
        permute();
        return drawX;
    }

    /** y in draw order. */
    float[] drawY() {
        permute();
        return drawY;
    }

    /** Palette slots in draw order, or null when all points share slot 0. */
    int[] drawSlots() {
        permute();
        return drawSlot;
    }

    private void permute() {
        if (drawX != null) {
            return;
        }
        int n = x.length;
        float[] px = new float[n];
        float[] py = new float[n];
        int[] ps = slot == null ? null : new int[n];
        for (int k = 0; k < n; k++) {
            int i = drawOrder[k];
            px[k] = x[i];
            py[k] = y[i];
            if (ps != null) {
                ps[k] = slot[i];
            }
        }
        drawX = px;
        drawY = py;
        drawSlot = ps;
    }

    /** Sets the ring size class of each point (same length, copied), or null to draw filled dots. */
    void setSizeClasses(int[] classes) {
        if (classes == null) {
            sizeClass = null;
            drawSizeClass = null;
            return;
        }
        if (classes.length != x.length) {
            throw new IllegalArgumentException(x.length + " points but " + classes.length + " sizes");
        }
        sizeClass = classes.clone();
        drawSizeClass = new int[classes.length];
        for (int k = 0; k < classes.length; k++) {
            drawSizeClass[k] = classes[drawOrder[k]];
        }
    }

    /** Ring size class of point i, or -1 when the points are dots. */
    int sizeClassOf(int i) {
        return sizeClass == null ? -1 : sizeClass[i];
    }

    /** Ring size classes in draw order, or null when the points are dots. */
    int[] drawSizeClasses() {
        return drawSizeClass;
    }

    List<ScatterChrome.Entry> legend() {
        return legend;
    }

    /** The nearest point in screen distance, see {@link PointGrid#nearest}. */
    int nearest(double qx, double qy, double pxPerUnitX, double pxPerUnitY, double radiusPx) {
        if (grid == null) {
            grid = new PointGrid(x, y);
        }
        return grid.nearest(qx, qy, pxPerUnitX, pxPerUnitY, radiusPx);
    }

    /** {minX, maxX, minY, maxY} over the finite points; {-1, 1, -1, 1} when there are none. */
    double[] bounds() {
        if (bounds == null) {
            double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
            for (int i = 0; i < x.length; i++) {
                if (Float.isFinite(x[i]) && Float.isFinite(y[i])) {
                    b[0] = Math.min(b[0], x[i]);
                    b[1] = Math.max(b[1], x[i]);
                    b[2] = Math.min(b[2], y[i]);
                    b[3] = Math.max(b[3], y[i]);
                }
            }
            bounds = b[0] <= b[1] ? b : new double[] {-1, 1, -1, 1};
        }
        return bounds.clone();
    }

    /** The larger side of {@link #bounds()}. */
    double extent() {
        double[] b = bounds();
        return Math.max(b[1] - b[0], b[3] - b[2]);
    }

    private static void requireSameLength(float[] x, float[] y) {
        if (x == null || y == null) {
            throw new NullPointerException(x == null ? "x" : "y");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
    }

    private static List<ScatterChrome.Entry> legendEntries(int[] labels, List<String> names) {
        if (labels == null) {
            return List.of();
        }
        int classes = names.size();
        boolean unknown = false;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
            unknown |= label < 0;
        }
        List<ScatterChrome.Entry> entries = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String name = c < names.size() && names.get(c) != null ? names.get(c) : String.valueOf(c);
            entries.add(new ScatterChrome.Entry(name, ScatterPalette.colorOf(c)));
        }
        if (unknown) {
            entries.add(new ScatterChrome.Entry("unlabelled", null));
        }
        return List.copyOf(entries);
    }

    /** A fixed random draw order: data sorted by class would otherwise paint the last class over all others. */
    private static int[] shuffledOrder(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(DRAW_ORDER_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

package dev.bottleneck.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntFunction;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.CssMetaData;
import javafx.css.FontCssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A scatter plot of many points (tens of thousands: every validation example of a dataset) in a 2-D latent space,
 * coloured by class label with {@link ScatterPalette}. Points are rasterised into one image, never one node each.
 *
 * <p>Interaction: the mouse wheel zooms about the cursor, dragging pans, a double-click (or {@link #resetView()}, or
 * the 0 key) fits the view to the data; + and - zoom, the arrow keys pan. Hovering finds the nearest point within a
 * few pixels through a {@link PointGrid} ({@link #hoveredIndexProperty()}) and shows {@link #setHoverContent} beside
 * the cursor; a click selects it ({@link #selectedIndexProperty()}), a click on empty space clears the selection.
 *
 * <p>Style class {@code latent-scatter}. CSS: {@code -fx-background-color}, {@code -fx-font}, {@code -bn-foreground}
 * (axes, text, rings) and {@code -bn-grid-color}; the hover box has style class {@code latent-scatter-popup}.
 * All methods must be called on the JavaFX application thread. Changes are coalesced: the component repaints at
 * most once per pulse, and a hover repaints only the rings, not the points.
 */
public class LatentScatter extends Region {

    private static final double HOVER_RADIUS = 6;
    private static final double FIT_MARGIN = 0.05;
    private static final long DRAW_ORDER_SEED = 0x5ca77e4L;

    private float[] xs = new float[0];
    private float[] ys = new float[0];
    private int[] colorIndex;
    private int[] drawOrder = new int[0];
    private List<ScatterChrome.Entry> legend = List.of();
    private int[] highlighted = new int[0];
    private PointGrid grid;
    private String xTitle = "";
    private String yTitle = "";
    private IntFunction<Node> hoverContent;

    /** The visible data window: x from view[0] to view[1], y from view[2] to view[3]. */
    private final double[] view = {-1, 1, -1, 1};
    private boolean userMovedView;
    private final ReadOnlyObjectWrapper<Rectangle2D> viewBounds = new ReadOnlyObjectWrapper<>(this, "viewBounds",
            new Rectangle2D(-1, -1, 2, 2));
    private final ReadOnlyIntegerWrapper hoveredIndex = new ReadOnlyIntegerWrapper(this, "hoveredIndex", -1);
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);

    private final Canvas chrome = new Canvas();
    private final ImageView pointsView = new ImageView();
    private final Canvas marks = new Canvas();
    private final StackPane popup = new StackPane();
    private final ScatterChrome chromePainter = new ScatterChrome();
    private final DotRasterizer rasterizer = new DotRasterizer();
    private WritableImage pointsImage;
    private ScatterChrome.Layout layout;
    private double dotDiameter;
    private String rasterStyle = "";

    private boolean chromeDirty = true;
    private boolean pointsDirty = true;
    private boolean marksDirty = true;
    private final AnimationTimer repaint = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            paintNow();
        }
    };

    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private double pressX;
    private double pressY;
    private double[] pressView;

    public LatentScatter() {
        getStyleClass().add("latent-scatter");
        for (Node n : List.of(chrome, pointsView, marks, popup)) {
            n.setManaged(false);
        }
        marks.setMouseTransparent(true);
        popup.setMouseTransparent(true);
        popup.setVisible(false);
        popup.getStyleClass().add("latent-scatter-popup");
        getChildren().addAll(chrome, pointsView, marks, popup);
        setFocusTraversable(true);
        ScatterGestures.install(this);
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /**
     * Replaces the points. The arrays are copied. Clears hover, selection and highlights, and fits the view.
     *
     * @param x the x coordinates, one per point
     * @param y the y coordinates, same length; points with a non-finite coordinate are not drawn
     * @param labels the class of each point (same length), or null to draw every point in one colour; negative
     *     labels mean "unknown" and are drawn in the foreground colour
     * @param labelNames legend names of classes 0, 1, ...; null or short lists fall back to the class number
     */
    public void setPoints(float[] x, float[] y, int[] labels, List<String> labelNames) {
        requireSameLength(x, y);
        if (labels != null && labels.length != x.length) {
            throw new IllegalArgumentException(x.length + " points but " + labels.length + " labels");
        }
        xs = x.clone();
        ys = y.clone();
        colorIndex = labels == null ? null : colorIndices(labels);
        legend = legendEntries(labels, labelNames == null ? List.of() : labelNames);
        drawOrder = shuffledOrder(x.length);
        highlighted = new int[0];
        grid = null;
        hoveredIndex.set(-1);
        selectedIndex.set(-1);
        rasterStyle = "";
        userMovedView = false;
        fitView();
        invalidateAll();
        updateHover();
    }

    /**
     * Moves the points (a new training snapshot), keeping labels, selection and highlights. The view follows the
     * data unless the user has zoomed or panned since the last {@link #setPoints} or {@link #resetView()}.
     *
     * @throws IllegalArgumentException if the number of points differs from the current one
     */
    public void updatePositions(float[] x, float[] y) {
        requireSameLength(x, y);
        if (x.length != xs.length) {
            throw new IllegalArgumentException("expected " + xs.length + " points, got " + x.length);
        }
        System.arraycopy(x, 0, xs, 0, x.length);
        System.arraycopy(y, 0, ys, 0, y.length);
        grid = null;
        if (!userMovedView) {
            fitView();
        }
        invalidateAll();
        updateHover();
    }

    /** Draws a ring around each of these points, e.g. the selection of a linked view; null or empty clears. */
    public void setHighlighted(int[] indices) {
        int[] copy = indices == null ? new int[0] : indices.clone();
        for (int i : copy) {
            if (i < 0 || i >= xs.length) {
                throw new IndexOutOfBoundsException("highlighted index " + i + " of " + xs.length + " points");
            }
        }
        highlighted = copy;
        invalidateMarks();
    }

    /** Axis titles, e.g. {@code "z3 (KL 4.1 nats)"}; null or blank hides a title and frees its space. */
    public void setAxisLabels(String x, String y) {
        xTitle = x == null ? "" : x;
        yTitle = y == null ? "" : y;
        invalidateAll();
    }

    /**
     * What to show beside the cursor while point {@code i} is hovered, e.g. the example and its reconstruction.
     * The factory is called once each time the hovered point changes and may return null for nothing; null
     * removes the popup altogether.
     */
    public void setHoverContent(IntFunction<Node> factory) {
        hoverContent = factory;
        refreshPopupContent();
    }

    /** Number of points. */
    public int getPointCount() {
        return xs.length;
    }

    // ---- view ------------------------------------------------------------------------------------------------

    /** Fits the view to the data with a small margin; from now on the view follows {@link #updatePositions}. */
    public void resetView() {
        userMovedView = false;
        fitView();
        invalidateAll();
        updateHover();
    }

    /** The visible data window (minX, minY, width, height) in data coordinates. */
    public ReadOnlyObjectProperty<Rectangle2D> viewBoundsProperty() {
        return viewBounds.getReadOnlyProperty();
    }

    public Rectangle2D getViewBounds() {
        return viewBounds.get();
    }

    /** Index of the point under the cursor, or -1. */
    public ReadOnlyIntegerProperty hoveredIndexProperty() {
        return hoveredIndex.getReadOnlyProperty();
    }

    public int getHoveredIndex() {
        return hoveredIndex.get();
    }

    /** Index of the point the user clicked, or -1. */
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    public int getSelectedIndex() {
        return selectedIndex.get();
    }

    /** Selects point {@code i}, or clears the selection with -1. */
    public void select(int i) {
        if (i < -1 || i >= xs.length) {
            throw new IndexOutOfBoundsException("point " + i + " of " + xs.length);
        }
        selectedIndex.set(i);
        invalidateMarks();
    }

    /** Where data point (x, y) appears in this node's coordinates; NaN before the first layout. */
    public Point2D dataToLocal(double x, double y) {
        if (layout == null) {
            return new Point2D(Double.NaN, Double.NaN);
        }
        return new Point2D(layout.plotX() + (x - view[0]) / (view[1] - view[0]) * layout.plotW(),
                layout.plotY() + (view[3] - y) / (view[3] - view[2]) * layout.plotH());
    }

    /** The data coordinates at a point of this node; NaN before the first layout. */
    public Point2D localToData(double localX, double localY) {
        if (layout == null) {
            return new Point2D(Double.NaN, Double.NaN);
        }
        return new Point2D(view[0] + (localX - layout.plotX()) / layout.plotW() * (view[1] - view[0]),
                view[3] - (localY - layout.plotY()) / layout.plotH() * (view[3] - view[2]));
    }

    /** The point nearest to a position in this node's coordinates within {@code radius} pixels, or -1. */
    public int pointNear(double localX, double localY, double radius) {
        if (layout == null || xs.length == 0 || !inPlot(localX, localY)) {
            return -1;
        }
        if (grid == null) {
            grid = new PointGrid(xs, ys);
        }
        Point2D d = localToData(localX, localY);
        return grid.nearest(d.getX(), d.getY(), layout.plotW() / (view[1] - view[0]),
                layout.plotH() / (view[3] - view[2]), radius);
    }

    // ---- called by ScatterGestures -------------------------------------------------------------------------

    void zoomAbout(double localX, double localY, double factor) {
        if (layout == null || !(factor > 0) || !Double.isFinite(factor)) {
            return;
        }
        Point2D c = localToData(localX, localY);
        double w = (view[1] - view[0]) / factor;
        double h = (view[3] - view[2]) / factor;
        if (!zoomAllowed(w, h)) {
            return;
        }
        double fx = (c.getX() - view[0]) / (view[1] - view[0]);
        double fy = (c.getY() - view[2]) / (view[3] - view[2]);
        setView(c.getX() - fx * w, c.getX() + (1 - fx) * w, c.getY() - fy * h, c.getY() + (1 - fy) * h);
    }

    void zoomAboutCenter(double factor) {
        if (layout != null) {
            zoomAbout(layout.plotX() + layout.plotW() / 2, layout.plotY() + layout.plotH() / 2, factor);
        }
    }

    /** Shifts the view by a fraction of its size; positive dx shows what lies to the right, dy what lies above. */
    void panByFraction(double dx, double dy) {
        double w = view[1] - view[0];
        double h = view[3] - view[2];
        setView(view[0] + dx * w, view[1] + dx * w, view[2] + dy * h, view[3] + dy * h);
    }

    void mouseMoved(double x, double y) {
        mouseX = x;
        mouseY = y;
        updateHover();
        placePopup();
    }

    void mouseExited() {
        mouseX = Double.NaN;
        mouseY = Double.NaN;
        updateHover();
    }

    void dragStarted(double x, double y) {
        pressX = x;
        pressY = y;
        pressView = view.clone();
    }

    void dragged(double x, double y) {
        if (pressView == null || layout == null) {
            return;
        }
        double dx = (x - pressX) / layout.plotW() * (pressView[1] - pressView[0]);
        double dy = (y - pressY) / layout.plotH() * (pressView[3] - pressView[2]);
        setCursor(Cursor.CLOSED_HAND);
        mouseX = Double.NaN;
        updateHover();
        setView(pressView[0] - dx, pressView[1] - dx, pressView[2] + dy, pressView[3] + dy);
    }

    void dragEnded(double x, double y) {
        pressView = null;
        setCursor(null);
        mouseMoved(x, y);
    }

    void clicked(double x, double y) {
        selectedIndex.set(pointNear(x, y, HOVER_RADIUS));
        invalidateMarks();
    }

    // ---- view state --------------------------------------------------------------------------------------------

    private boolean zoomAllowed(double w, double h) {
        double[] data = dataBounds();
        double extent = Math.max(Math.max(data[1] - data[0], data[3] - data[2]), 1e-9);
        double span = Math.max(w, h);
        return span > extent * 1e-7 && span < extent * 1e4;
    }

    private void setView(double x0, double x1, double y0, double y1) {
        if (!(x1 > x0 && y1 > y0) || !Double.isFinite(x1 - x0) || !Double.isFinite(y1 - y0)) {
            return;
        }
        userMovedView = true;
        applyView(x0, x1, y0, y1);
        invalidateAll();
        updateHover();
    }

    private void fitView() {
        double[] b = dataBounds();
        double padX = b[1] > b[0] ? (b[1] - b[0]) * FIT_MARGIN : Math.max(1, Math.abs(b[0]) * 0.1);
        double padY = b[3] > b[2] ? (b[3] - b[2]) * FIT_MARGIN : Math.max(1, Math.abs(b[2]) * 0.1);
        applyView(b[0] - padX, b[1] + padX, b[2] - padY, b[3] + padY);
    }

    private void applyView(double x0, double x1, double y0, double y1) {
        view[0] = x0;
        view[1] = x1;
        view[2] = y0;
        view[3] = y1;
        viewBounds.set(new Rectangle2D(x0, y0, x1 - x0, y1 - y0));
    }

    /** minX, maxX, minY, maxY over the finite points; the unit square around 0 when there are none. */
    private double[] dataBounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < xs.length; i++) {
            if (Float.isFinite(xs[i]) && Float.isFinite(ys[i])) {
                b[0] = Math.min(b[0], xs[i]);
                b[1] = Math.max(b[1], xs[i]);
                b[2] = Math.min(b[2], ys[i]);
                b[3] = Math.max(b[3], ys[i]);
            }
        }
        return b[0] <= b[1] ? b : new double[] {-1, 1, -1, 1};
    }

    private boolean inPlot(double x, double y) {
        return layout != null && x >= layout.plotX() && x <= layout.plotX() + layout.plotW() && y >= layout.plotY()
                && y <= layout.plotY() + layout.plotH();
    }

    private void updateHover() {
        int i = Double.isNaN(mouseX) ? -1 : pointNear(mouseX, mouseY, HOVER_RADIUS);
        if (i != hoveredIndex.get()) {
            hoveredIndex.set(i);
            invalidateMarks();
            refreshPopupContent();
        }
    }

    // ---- hover popup -------------------------------------------------------------------------------------------

    private void refreshPopupContent() {
        int i = hoveredIndex.get();
        Node content = hoverContent == null || i < 0 ? null : hoverContent.apply(i);
        if (content == null) {
            popup.getChildren().clear();
            popup.setVisible(false);
            return;
        }
        popup.getChildren().setAll(content);
        popup.setVisible(true);
        placePopup();
    }

    /** Beside the cursor, flipped to the other side where it would leave the component, and never outside it. */
    private void placePopup() {
        if (!popup.isVisible() || Double.isNaN(mouseX)) {
            return;
        }
        popup.applyCss();
        popup.autosize();
        double w = popup.getWidth();
        double h = popup.getHeight();
        double offset = 14;
        double x = mouseX + offset + w <= getWidth() ? mouseX + offset : mouseX - offset - w;
        double y = mouseY + offset + h <= getHeight() ? mouseY + offset : mouseY - offset - h;
        popup.relocate(Math.max(0, Math.min(x, getWidth() - w)), Math.max(0, Math.min(y, getHeight() - h)));
    }

    /** The hover box, for tests and for styling from code. */
    StackPane popup() {
        return popup;
    }

    // ---- painting ----------------------------------------------------------------------------------------------

    private void invalidateAll() {
        chromeDirty = true;
        pointsDirty = true;
        marksDirty = true;
        repaint.start();
    }

    private void invalidateMarks() {
        marksDirty = true;
        repaint.start();
    }

    @Override
    protected void layoutChildren() {
        // A new size must show in this very pulse, not the next one, or the points would lag behind a resize.
        if (layout == null || layout.width() != getWidth() || layout.height() != getHeight()) {
            chromeDirty = true;
        }
        paintNow();
        placePopup();
    }

    /** Repaints whatever is out of date, now. Normally called once per pulse; tests and benchmarks call it. */
    void paintNow() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        if (chromeDirty || layout == null) {
            ScatterChrome.Layout next = chromePainter.layout(getWidth(), getHeight(), getInsets(), getFont(),
                    view, xTitle, yTitle, legend);
            if (!next.samePlotArea(layout)) {
                placeLayers(next);
                pointsDirty = true;
                marksDirty = true;
            }
            layout = next;
            chromePainter.paint(chrome.getGraphicsContext2D(), layout, getFont(), view, getForeground(),
                    getGridColor(), xTitle, yTitle, legend, getInsets());
            chromeDirty = false;
        }
        if (pointsDirty) {
            paintPoints();
            pointsDirty = false;
        }
        if (marksDirty) {
            paintMarks();
            marksDirty = false;
        }
    }

    private void placeLayers(ScatterChrome.Layout l) {
        chrome.setWidth(l.width());
        chrome.setHeight(l.height());
        pointsView.relocate(l.plotX(), l.plotY());
        pointsView.setFitWidth(l.plotW());
        pointsView.setFitHeight(l.plotH());
        marks.relocate(l.plotX(), l.plotY());
        marks.setWidth(l.plotW());
        marks.setHeight(l.plotH());
    }

    private void paintPoints() {
        double scale = outputScale();
        int w = (int) Math.ceil(layout.plotW() * scale);
        int h = (int) Math.ceil(layout.plotH() * scale);
        prepareRasterStyle(scale);
        rasterizer.resize(w, h);
        rasterizer.clear();
        double kx = layout.plotW() * scale / (view[1] - view[0]);
        double ky = layout.plotH() * scale / (view[3] - view[2]);
        rasterizer.draw(xs, ys, colorIndex, drawOrder, -view[0] * kx, kx, view[3] * ky, -ky);
        if (pointsImage == null || pointsImage.getWidth() != w || pointsImage.getHeight() != h) {
            pointsImage = new WritableImage(w, h);
            pointsView.setImage(pointsImage);
        }
        pointsImage.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(),
                rasterizer.pixels(), 0, w);
    }

    /** Smaller, fainter dots for more points, so that dense clusters keep their structure instead of saturating. */
    private void prepareRasterStyle(double scale) {
        int n = Math.max(1, xs.length);
        dotDiameter = Math.max(2.5, Math.min(8, 10 / Math.pow(n, 0.125)));
        double alpha = Math.max(0.35, Math.min(0.95, 1.4 - 0.2 * Math.log10(n)));
        String style = dotDiameter + "/" + alpha + "/" + scale + "/" + getForeground();
        if (!style.equals(rasterStyle)) {
            int[] argb = new int[ScatterPalette.PETROFF_10.size() + 1];
            for (int c = 0; c < argb.length - 1; c++) {
                argb[c] = toArgb(ScatterPalette.PETROFF_10.get(c));
            }
            argb[argb.length - 1] = toArgb(getForeground());
            rasterizer.setStyle(dotDiameter * scale, alpha, argb);
            rasterStyle = style;
        }
    }

    private void paintMarks() {
        GraphicsContext gc = marks.getGraphicsContext2D();
        gc.clearRect(0, 0, marks.getWidth(), marks.getHeight());
        double r = dotDiameter / 2;
        gc.setStroke(getForeground());
        gc.setLineWidth(1);
        for (int i : highlighted) {
            strokeRing(gc, i, r + 2.5);
        }
        int selected = selectedIndex.get();
        if (selected >= 0) {
            Point2D p = markPosition(selected);
            gc.setFill(colorOfPoint(selected));
            gc.fillOval(p.getX() - r - 1.5, p.getY() - r - 1.5, 2 * r + 3, 2 * r + 3);
            gc.setLineWidth(2.5);
            strokeRing(gc, selected, r + 5);
        }
        int hovered = hoveredIndex.get();
        if (hovered >= 0) {
            gc.setLineWidth(1.5);
            strokeRing(gc, hovered, r + 3.5);
        }
    }

    private void strokeRing(GraphicsContext gc, int i, double radius) {
        Point2D p = markPosition(i);
        gc.strokeOval(p.getX() - radius, p.getY() - radius, 2 * radius, 2 * radius);
    }

    private Point2D markPosition(int i) {
        Point2D p = dataToLocal(xs[i], ys[i]);
        return new Point2D(p.getX() - layout.plotX(), p.getY() - layout.plotY());
    }

    private Color colorOfPoint(int i) {
        if (colorIndex == null) {
            return ScatterPalette.PETROFF_10.get(0);
        }
        int c = colorIndex[i];
        return c < ScatterPalette.PETROFF_10.size() ? ScatterPalette.PETROFF_10.get(c) : getForeground();
    }

    private double outputScale() {
        if (getScene() == null || getScene().getWindow() == null) {
            return 1;
        }
        return Math.max(1, getScene().getWindow().getOutputScaleX());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void requireSameLength(float[] x, float[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
    }

    private static int[] colorIndices(int[] labels) {
        int unknown = ScatterPalette.PETROFF_10.size();
        int[] c = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            c[i] = labels[i] < 0 ? unknown : labels[i] % unknown;
        }
        return c;
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
        return entries;
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

    private static int toArgb(Color c) {
        return 0xFF << 24 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    // ---- CSS ---------------------------------------------------------------------------------------------------

    private static final Font DEFAULT_FONT = Font.font(12);
    private static final Color DEFAULT_FOREGROUND = Color.web("#333333");
    private static final Color DEFAULT_GRID = Color.gray(0.5, 0.3);

    private static final CssMetaData<LatentScatter, Font> FONT = new FontCssMetaData<>("-fx-font", DEFAULT_FONT) {
        @Override
        public boolean isSettable(LatentScatter s) {
            return !s.font.isBound();
        }

        @Override
        public StyleableProperty<Font> getStyleableProperty(LatentScatter s) {
            return s.font;
        }
    };

    private static final CssMetaData<LatentScatter, Color> FOREGROUND = new CssMetaData<>("-bn-foreground",
            StyleConverter.getColorConverter(), DEFAULT_FOREGROUND) {
        @Override
        public boolean isSettable(LatentScatter s) {
            return !s.foreground.isBound();
        }

        @Override
        public StyleableProperty<Color> getStyleableProperty(LatentScatter s) {
            return s.foreground;
        }
    };

    private static final CssMetaData<LatentScatter, Color> GRID_COLOR = new CssMetaData<>("-bn-grid-color",
            StyleConverter.getColorConverter(), DEFAULT_GRID) {
        @Override
        public boolean isSettable(LatentScatter s) {
            return !s.gridColor.isBound();
        }

        @Override
        public StyleableProperty<Color> getStyleableProperty(LatentScatter s) {
            return s.gridColor;
        }
    };

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> list = new ArrayList<>(Region.getClassCssMetaData());
        list.add(FONT);
        list.add(FOREGROUND);
        list.add(GRID_COLOR);
        CSS_META_DATA = Collections.unmodifiableList(list);
    }

    private final StyleableObjectProperty<Font> font = new RepaintingProperty<>(FONT, "font", DEFAULT_FONT);
    private final StyleableObjectProperty<Color> foreground =
            new RepaintingProperty<>(FOREGROUND, "foreground", DEFAULT_FOREGROUND);
    private final StyleableObjectProperty<Color> gridColor =
            new RepaintingProperty<>(GRID_COLOR, "gridColor", DEFAULT_GRID);

    /** A styleable property whose change repaints everything. */
    private final class RepaintingProperty<T> extends SimpleStyleableObjectProperty<T> {
        RepaintingProperty(CssMetaData<LatentScatter, T> meta, String name, T initial) {
            super(meta, LatentScatter.this, name, initial);
        }

        @Override
        protected void invalidated() {
            invalidateAll();
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META_DATA;
    }

    /** Font of tick labels, titles and legend; CSS {@code -fx-font}. */
    public StyleableObjectProperty<Font> fontProperty() {
        return font;
    }

    public Font getFont() {
        return font.get() == null ? DEFAULT_FONT : font.get();
    }

    public void setFont(Font value) {
        font.set(value);
    }

    /** Colour of axes, text and rings; CSS {@code -bn-foreground}. */
    public StyleableObjectProperty<Color> foregroundProperty() {
        return foreground;
    }

    public Color getForeground() {
        return foreground.get() == null ? DEFAULT_FOREGROUND : foreground.get();
    }

    public void setForeground(Color value) {
        foreground.set(value);
    }

    /** Colour of grid lines and the plot frame; CSS {@code -bn-grid-color}. */
    public StyleableObjectProperty<Color> gridColorProperty() {
        return gridColor;
    }

    public Color getGridColor() {
        return gridColor.get() == null ? DEFAULT_GRID : gridColor.get();
    }

    public void setGridColor(Color value) {
        gridColor.set(value);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 520;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 160;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }
}

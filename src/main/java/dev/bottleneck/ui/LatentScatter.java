package dev.bottleneck.ui;

import java.util.List;
import java.util.function.IntFunction;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Window;

/**
 * A scatter plot of many points (tens of thousands: every validation example of a dataset) in a 2-D latent space,
 * coloured by class label with {@link ScatterPalette}. Points are rasterised into one image, never one node each.
 *
 * <p>Interaction: the mouse wheel zooms about the cursor, dragging pans, a double-click (or {@link #resetView()}, or
 * the 0 key) fits the view to the data; + and - zoom, the arrow keys pan. Hovering finds the nearest point within a
 * few pixels through a {@link PointGrid} ({@link #hoveredIndexProperty()}) and shows {@link #setHoverContent} beside
 * the cursor; a click selects it ({@link #selectedIndexProperty()}), a click on empty space clears the selection.
 *
 * <p>Style class {@code latent-scatter}; the CSS properties are those of {@link PlotRegion}, the foreground colour
 * also draws the rings and points with a negative label. The hover box has style class {@code latent-scatter-popup}.
 * All methods must be called on the JavaFX application thread. Changes are coalesced: the component repaints at
 * most once per pulse, and a hover repaints only the rings, not the points.
 */
public class LatentScatter extends PlotRegion {

    private static final double HOVER_RADIUS = 6;

    private ScatterPoints points = ScatterPoints.empty();
    private int[] highlighted = new int[0];
    private String sizeCaption = "ring size: reconstruction error";
    private float[] pathX;
    private float[] pathY;
    private String xTitle = "";
    private String yTitle = "";

    private final ViewWindow window = new ViewWindow();
    private final ReadOnlyObjectWrapper<Rectangle2D> viewBounds =
            new ReadOnlyObjectWrapper<>(this, "viewBounds", window.toRectangle());
    private final ReadOnlyIntegerWrapper hoveredIndex = new ReadOnlyIntegerWrapper(this, "hoveredIndex", -1);
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);

    private final Canvas chrome = new Canvas();
    private final PointLayer pointLayer = new PointLayer();
    private final Canvas marks = new Canvas();
    private final HoverPopup popup = new HoverPopup();
    private final ScatterChrome chromePainter = new ScatterChrome();
    private final ScatterOverlays overlays = new ScatterOverlays();
    private ScatterChrome.Layout layout;

    private boolean layoutStale = true;
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

    private final ObservableValue<Number> outputScale;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private double pressX;
    private double pressY;
    private double[] pressWindow;

    public LatentScatter() {
        getStyleClass().add("latent-scatter");
        chrome.setManaged(false);
        pointLayer.node().setManaged(false);
        marks.setManaged(false);
        marks.setMouseTransparent(true);
        getChildren().addAll(chrome, pointLayer.node(), marks, popup.node());
        setFocusTraversable(true);
        ScatterGestures.install(this);
        // Moving the window to a screen of another scale must re-rasterise at that screen's pixels.
        outputScale = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::outputScaleXProperty);
        outputScale.addListener((o, was, now) -> invalidateAll());
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /**
     * Replaces the points. The arrays are copied. Clears hover, selection, highlights and point sizes (the points
     * are filled dots again), keeps the path, and fits the view.
     *
     * @param x the x coordinates, one per point
     * @param y the y coordinates, same length; points with a non-finite coordinate are not drawn
     * @param labels the class of each point (same length), or null to draw every point in one colour; negative
     *     labels mean "unknown" and are drawn in the foreground colour
     * @param labelNames legend names of classes 0, 1, ...; null or short lists fall back to the class number
     * @throws IllegalArgumentException if the lengths differ; the old points stay
     */
    public void setPoints(float[] x, float[] y, int[] labels, List<String> labelNames) {
        points = ScatterPoints.of(x, y, labels, labelNames);
        highlighted = new int[0];
        hoveredIndex.set(-1);
        selectedIndex.set(-1);
        // Index i now names another example: the popup must ask for new content even if i is hovered again.
        popup.reset();
        fit();
    }

    /**
     * Moves the points (a new training snapshot), keeping labels, selection and highlights. The view follows the
     * data unless the user has zoomed or panned since the last {@link #setPoints} or {@link #resetView()}.
     *
     * @throws IllegalArgumentException if the number of points differs from the current one
     */
    public void updatePositions(float[] x, float[] y) {
        points.move(x, y);
        if (window.userMoved()) {
            viewChanged();
        } else {
            fit();
        }
    }

    /** Draws a ring around each of these points, e.g. the selection of a linked view; null or empty clears. */
    public void setHighlighted(int[] indices) {
        int[] copy = indices == null ? new int[0] : indices.clone();
        for (int i : copy) {
            if (i < 0 || i >= points.size()) {
                throw new IndexOutOfBoundsException("highlighted index " + i + " of " + points.size() + " points");
            }
        }
        highlighted = copy;
        invalidateMarks();
    }

    /**
     * Draws every point as a hollow ring in its label colour, whose diameter grows with its value, e.g. the
     * reconstruction error of each validation example; null draws filled dots again. The values' 5th percentile
     * and below get a ring of 3 px, the 95th and above 14 px (layout units), linear in between, so that a few
     * outliers do not shrink all other rings; non-finite values get the smallest ring. A legend in the plot's
     * bottom-right corner explains the sizes ({@link #setPointSizeCaption}). Hovering reaches a few pixels further,
     * as far as the largest ring. The values are not kept: call again after {@link #setPoints}, which clears them.
     *
     * @param values one value per point, or null
     * @throws IllegalArgumentException if the length is not the number of points; the old sizes stay
     */
    public void setPointSizes(float[] values) {
        if (values != null && values.length != points.size()) {
            throw new IllegalArgumentException(points.size() + " points but " + values.length + " sizes");
        }
        points.setSizeClasses(values == null ? null : PointSizes.classesOf(values));
        invalidateAll();
        updateHover();
    }

    /** True while the points are drawn as sized rings ({@link #setPointSizes}). */
    public boolean hasPointSizes() {
        return points.drawSizeClasses() != null;
    }

    /**
     * The caption of the size legend, default {@code "ring size: reconstruction error"}; the legend adds
     * "low .. high" itself. Null or blank shows the rings without a caption.
     */
    public void setPointSizeCaption(String caption) {
        sizeCaption = caption == null ? "" : caption;
        invalidateMarks();
    }

    /**
     * Draws a polyline through these points in data coordinates over the scatter, e.g. the interpolation between
     * two examples: {@link ScatterOverlays#PATH_COLOR green}, 2 px wide, with a small marker at each point and a
     * larger one at both ends. It follows zoom and pan; a non-finite point breaks the line. The arrays are copied.
     *
     * @param x the x coordinates, or null (with y null) to remove the path
     * @param y the y coordinates, same length
     * @throws IllegalArgumentException if only one is null or the lengths differ; the old path stays
     */
    public void setPath(float[] x, float[] y) {
        if (x == null && y == null) {
            pathX = null;
            pathY = null;
        } else if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("path x has " + (x == null ? "no" : x.length) + " points but y has "
                    + (y == null ? "no" : y.length));
        } else {
            pathX = x.clone();
            pathY = y.clone();
        }
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
     * The factory is called once each time the hovered point changes and may return null for nothing; a null
     * factory turns the popup off.
     */
    public void setHoverContent(IntFunction<Node> factory) {
        popup.setFactory(factory);
        popup.show(hoveredIndex.get());
        popup.place(mouseX, mouseY, getWidth(), getHeight());
    }

    /** Number of points. */
    public int getPointCount() {
        return points.size();
    }

    // ---- view ------------------------------------------------------------------------------------------------

    /** Fits the view to the data with a small margin; from now on the view follows {@link #updatePositions}. */
    public void resetView() {
        fit();
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
        if (i < -1 || i >= points.size()) {
            throw new IndexOutOfBoundsException("point " + i + " of " + points.size());
        }
        selectedIndex.set(i);
        invalidateMarks();
    }

    /** Where data point (x, y) appears in this node's coordinates; NaN while the node has no size. */
    public Point2D dataToLocal(double x, double y) {
        ScatterChrome.Layout l = plotLayout();
        if (l == null) {
            return new Point2D(Double.NaN, Double.NaN);
        }
        return new Point2D(l.plotX() + (x - window.x0()) / window.width() * l.plotW(),
                l.plotY() + (window.y1() - y) / window.height() * l.plotH());
    }

    /** The data coordinates at a point of this node; NaN while the node has no size. */
    public Point2D localToData(double localX, double localY) {
        ScatterChrome.Layout l = plotLayout();
        if (l == null) {
            return new Point2D(Double.NaN, Double.NaN);
        }
        return new Point2D(window.x0() + (localX - l.plotX()) / l.plotW() * window.width(),
                window.y1() - (localY - l.plotY()) / l.plotH() * window.height());
    }

    /** The point nearest to a position in this node's coordinates within {@code radius} pixels, or -1. */
    public int pointNear(double localX, double localY, double radius) {
        ScatterChrome.Layout l = plotLayout();
        if (l == null || points.size() == 0 || localX < l.plotX() || localX > l.plotX() + l.plotW()
                || localY < l.plotY() || localY > l.plotY() + l.plotH()) {
            return -1;
        }
        Point2D d = localToData(localX, localY);
        return points.nearest(d.getX(), d.getY(), l.plotW() / window.width(), l.plotH() / window.height(), radius);
    }

    // ---- called by ScatterGestures -------------------------------------------------------------------------

    void zoomAbout(double localX, double localY, double factor) {
        ScatterChrome.Layout l = plotLayout();
        if (l != null && window.zoom(factor, (localX - l.plotX()) / l.plotW(), 1 - (localY - l.plotY()) / l.plotH(),
                points.extent())) {
            viewChanged();
        }
    }

    void zoomAboutCenter(double factor) {
        ScatterChrome.Layout l = plotLayout();
        if (l != null) {
            zoomAbout(l.plotX() + l.plotW() / 2, l.plotY() + l.plotH() / 2, factor);
        }
    }

    void panByFraction(double dx, double dy) {
        if (window.pan(dx, dy)) {
            viewChanged();
        }
    }

    void mouseMoved(double x, double y) {
        mouseX = x;
        mouseY = y;
        updateHover();
        popup.place(mouseX, mouseY, getWidth(), getHeight());
    }

    void mouseExited() {
        mouseX = Double.NaN;
        mouseY = Double.NaN;
        updateHover();
    }

    void dragStarted(double x, double y) {
        pressX = x;
        pressY = y;
        pressWindow = window.toArray();
    }

    void dragged(double x, double y) {
        ScatterChrome.Layout l = plotLayout();
        if (pressWindow == null || l == null) {
            return;
        }
        double dx = (x - pressX) / l.plotW() * (pressWindow[1] - pressWindow[0]);
        double dy = (y - pressY) / l.plotH() * (pressWindow[3] - pressWindow[2]);
        setCursor(Cursor.CLOSED_HAND);
        mouseX = Double.NaN;
        if (window.set(pressWindow[0] - dx, pressWindow[1] - dx, pressWindow[2] + dy, pressWindow[3] + dy)) {
            viewChanged();
        }
    }

    void dragEnded(double x, double y) {
        pressWindow = null;
        setCursor(null);
        mouseMoved(x, y);
    }

    void clicked(double x, double y) {
        selectedIndex.set(pointNear(x, y, hoverRadius()));
        invalidateMarks();
    }

    // ---- state changes -----------------------------------------------------------------------------------------

    private void fit() {
        window.fit(points.bounds());
        viewChanged();
    }

    private void viewChanged() {
        viewBounds.set(window.toRectangle());
        invalidateAll();
        updateHover();
    }

    private void updateHover() {
        int i = Double.isNaN(mouseX) ? -1 : pointNear(mouseX, mouseY, hoverRadius());
        if (i != hoveredIndex.get()) {
            hoveredIndex.set(i);
            invalidateMarks();
            popup.show(i);
            popup.place(mouseX, mouseY, getWidth(), getHeight());
        }
    }

    /** Sized rings reach up to half the largest diameter from their centre, so hover reaches as far. */
    private double hoverRadius() {
        return hasPointSizes() ? Math.max(HOVER_RADIUS, PointSizes.MAX_DIAMETER / 2 + 1) : HOVER_RADIUS;
    }

    private void invalidateAll() {
        layoutStale = true;
        chromeDirty = true;
        pointsDirty = true;
        marksDirty = true;
        repaint.start();
    }

    private void invalidateMarks() {
        marksDirty = true;
        repaint.start();
    }

    // ---- layout and painting -----------------------------------------------------------------------------------

    /**
     * The current layout, recomputed if the size, view or titles changed since; null while the node has no size.
     * Coordinate conversions call this, so they are right even between a change and the next repaint.
     */
    private ScatterChrome.Layout plotLayout() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return layout;
        }
        if (layoutStale || layout == null || layout.width() != getWidth() || layout.height() != getHeight()) {
            ScatterChrome.Layout next = chromePainter.layout(getWidth(), getHeight(), getInsets(), getFont(),
                    window.toArray(), xTitle, yTitle, points.legend());
            if (!next.samePlotArea(layout)) {
                chrome.setWidth(next.width());
                chrome.setHeight(next.height());
                pointLayer.place(next.plotX(), next.plotY(), next.plotW(), next.plotH());
                marks.relocate(next.plotX(), next.plotY());
                marks.setWidth(next.plotW());
                marks.setHeight(next.plotH());
                pointsDirty = true;
                marksDirty = true;
            }
            layout = next;
            layoutStale = false;
            chromeDirty = true;
        }
        return layout;
    }

    @Override
    protected void layoutChildren() {
        // A new size must show in this very pulse, not the next one, or the points would lag behind a resize.
        paintNow();
        popup.place(mouseX, mouseY, getWidth(), getHeight());
    }

    /** Repaints whatever is out of date, now. Normally called once per pulse; tests and benchmarks call it. */
    void paintNow() {
        ScatterChrome.Layout l = plotLayout();
        if (l == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        if (chromeDirty) {
            chromePainter.paint(chrome.getGraphicsContext2D(), l, getFont(), window.toArray(), getForeground(),
                    getGridColor(), xTitle, yTitle, points.legend(), getInsets());
            chromeDirty = false;
        }
        if (pointsDirty) {
            pointLayer.paint(points, window, l.plotW(), l.plotH(), outputScale(), getForeground());
            pointsDirty = false;
        }
        if (marksDirty) {
            paintMarks(l);
            marksDirty = false;
        }
    }

    /**
     * On a canvas over the plot area: the path, rings around highlighted, selected and hovered points, in that
     * order, and the size legend.
     */
    private void paintMarks(ScatterChrome.Layout l) {
        GraphicsContext gc = marks.getGraphicsContext2D();
        gc.clearRect(0, 0, marks.getWidth(), marks.getHeight());
        if (pathX != null) {
            overlays.paintPath(gc, pathX, pathY,
                    (x, y) -> dataToLocal(x, y).subtract(l.plotX(), l.plotY()), backgroundColor());
        }
        gc.setStroke(getForeground());
        gc.setLineWidth(1);
        for (int i : highlighted) {
            ring(gc, l, i, markRadius(i) + 2.5);
        }
        int selected = selectedIndex.get();
        if (selected >= 0) {
            double r = markRadius(selected);
            Point2D p = markPosition(l, selected);
            int slot = points.slotOf(selected);
            gc.setFill(slot == ScatterPoints.UNKNOWN_SLOT ? getForeground() : ScatterPalette.PETROFF_10.get(slot));
            gc.fillOval(p.getX() - r - 1.5, p.getY() - r - 1.5, 2 * r + 3, 2 * r + 3);
            gc.setLineWidth(2.5);
            ring(gc, l, selected, r + 5);
        }
        int hovered = hoveredIndex.get();
        if (hovered >= 0) {
            gc.setLineWidth(1.5);
            ring(gc, l, hovered, markRadius(hovered) + 3.5);
        }
        if (hasPointSizes()) {
            overlays.paintSizeLegend(gc, marks.getWidth(), marks.getHeight(), sizeCaption, getFont(),
                    getForeground(), backgroundColor());
        }
    }

    /** Radius of point i as drawn: its ring, or the common dot. */
    private double markRadius(int i) {
        int sizeClass = points.sizeClassOf(i);
        return (sizeClass < 0 ? pointLayer.dotDiameter() : PointSizes.diameter(sizeClass)) / 2;
    }

    /** The first colour fill of the background, or white: boxes and halos on the overlay use it. */
    private Color backgroundColor() {
        if (getBackground() != null) {
            for (var fill : getBackground().getFills()) {
                if (fill.getFill() instanceof Color c && c.getOpacity() > 0) {
                    return c;
                }
            }
        }
        return Color.WHITE;
    }

    private void ring(GraphicsContext gc, ScatterChrome.Layout l, int i, double radius) {
        Point2D p = markPosition(l, i);
        gc.strokeOval(p.getX() - radius, p.getY() - radius, 2 * radius, 2 * radius);
    }

    private Point2D markPosition(ScatterChrome.Layout l, int i) {
        return dataToLocal(points.x()[i], points.y()[i]).subtract(l.plotX(), l.plotY());
    }

    private double outputScale() {
        Number scale = outputScale.getValue();
        return scale == null ? 1 : Math.max(1, scale.doubleValue());
    }

    /** The rasterised points, for tests. */
    WritableImage pointsImage() {
        return pointLayer.image();
    }

    /** Top-left corner of the plot area in local coordinates, for tests. */
    Point2D plotOrigin() {
        ScatterChrome.Layout l = plotLayout();
        return new Point2D(l.plotX(), l.plotY());
    }

    /** The overlay canvas (path, rings, size legend) rendered to an image, for tests. */
    WritableImage marksImage() {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return marks.snapshot(params, null);
    }

    /** The hover box, for tests. */
    StackPane popup() {
        return popup.node();
    }

    @Override
    protected void styleChanged() {
        invalidateAll();
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

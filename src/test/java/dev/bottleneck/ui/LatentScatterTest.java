package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Component tier: a LatentScatter in a scene without a window, driven by synthetic events on the FX thread. */
class LatentScatterTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    /** A scatter as the root of a 600 x 400 scene, laid out and painted, so local = scene coordinates. */
    private static LatentScatter scatter(float[] x, float[] y, int[] labels) {
        LatentScatter s = new LatentScatter();
        new Scene(s, 600, 400);
        s.setPoints(x, y, labels, DIGITS);
        s.applyCss();
        s.resize(600, 400);
        s.layout();
        s.paintNow();
        return s;
    }

    /** Points 0..8 on a 3 x 3 lattice with spacing 1, labels 0..8. */
    private static LatentScatter lattice() {
        float[] x = new float[9];
        float[] y = new float[9];
        int[] labels = new int[9];
        for (int i = 0; i < 9; i++) {
            x[i] = i % 3;
            y[i] = i / 3;
            labels[i] = i;
        }
        return scatter(x, y, labels);
    }

    private static void mouse(LatentScatter s, javafx.event.EventType<MouseEvent> type, Point2D p, int clicks) {
        boolean press = type != MouseEvent.MOUSE_MOVED;
        MouseEvent e = new MouseEvent(type, p.getX(), p.getY(), p.getX(), p.getY(),
                press ? MouseButton.PRIMARY : MouseButton.NONE, clicks, false, false, false, false,
                type == MouseEvent.MOUSE_PRESSED || type == MouseEvent.MOUSE_DRAGGED, false, false, false, false,
                type == MouseEvent.MOUSE_CLICKED, null);
        Event.fireEvent(s, e);
    }

    private static void scroll(LatentScatter s, Point2D p, double deltaY) {
        Event.fireEvent(s, new ScrollEvent(ScrollEvent.SCROLL, p.getX(), p.getY(), p.getX(), p.getY(), false, false,
                false, false, false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
    }

    @Test
    void hoverFindsThePointUnderTheCursorAndLeavingClearsIt() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            assertEquals(-1, s.getHoveredIndex());
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(2, 1).add(2, -1), 0);
            assertEquals(5, s.getHoveredIndex());
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(1.5, 1.5), 0);
            assertEquals(-1, s.getHoveredIndex(), "midway between points is more than a few pixels from any");
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(0, 0), 0);
            assertEquals(0, s.getHoveredIndex());
            mouse(s, MouseEvent.MOUSE_EXITED, new Point2D(-5, -5), 0);
            assertEquals(-1, s.getHoveredIndex());
        });
    }

    @Test
    void clickSelectsTheNearestPointAndAClickOnEmptySpaceClears() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            Point2D p = s.dataToLocal(1, 2);
            mouse(s, MouseEvent.MOUSE_PRESSED, p, 1);
            mouse(s, MouseEvent.MOUSE_RELEASED, p, 1);
            mouse(s, MouseEvent.MOUSE_CLICKED, p, 1);
            assertEquals(7, s.getSelectedIndex());
            Point2D empty = s.dataToLocal(0.5, 0.5);
            mouse(s, MouseEvent.MOUSE_CLICKED, empty, 1);
            assertEquals(-1, s.getSelectedIndex());
        });
    }

    @Test
    void wheelZoomsAboutTheCursor() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            Rectangle2D before = s.getViewBounds();
            Point2D cursor = new Point2D(200, 150);
            Point2D under = s.localToData(cursor.getX(), cursor.getY());
            scroll(s, cursor, 40);
            Rectangle2D after = s.getViewBounds();
            assertEquals(before.getWidth() / 1.2, after.getWidth(), 1e-9);
            assertEquals(before.getHeight() / 1.2, after.getHeight(), 1e-9);
            Point2D stillUnder = s.localToData(cursor.getX(), cursor.getY());
            assertEquals(under.getX(), stillUnder.getX(), 1e-9);
            assertEquals(under.getY(), stillUnder.getY(), 1e-9);
            scroll(s, cursor, -40);
            assertEquals(before.getWidth(), s.getViewBounds().getWidth(), 1e-9);
        });
    }

    @Test
    void dragPansAndDoubleClickFitsAgain() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            Rectangle2D fitted = s.getViewBounds();
            Point2D from = s.dataToLocal(1, 1);
            Point2D to = from.add(100, -50);
            mouse(s, MouseEvent.MOUSE_PRESSED, from, 1);
            mouse(s, MouseEvent.MOUSE_DRAGGED, to, 1);
            mouse(s, MouseEvent.MOUSE_RELEASED, to, 1);
            Point2D grabbed = s.dataToLocal(1, 1);
            assertEquals(to.getX(), grabbed.getX(), 1e-6, "the data point under the mouse moves with it");
            assertEquals(to.getY(), grabbed.getY(), 1e-6);
            assertEquals(fitted.getWidth(), s.getViewBounds().getWidth(), 1e-9);
            mouse(s, MouseEvent.MOUSE_CLICKED, to, 2);
            assertEquals(fitted, s.getViewBounds());
        });
    }

    @Test
    void viewFollowsUpdatesUntilTheUserZoomsAndAgainAfterReset() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            Rectangle2D fitted = s.getViewBounds();
            assertTrue(fitted.contains(0, 0) && fitted.contains(2, 2));
            assertTrue(fitted.getWidth() < 2.5, "a small margin, not a large one: " + fitted);

            float[] x = new float[9];
            float[] y = new float[9];
            for (int i = 0; i < 9; i++) {
                x[i] = 10 * (i % 3) + 100;
                y[i] = 10 * (i / 3);
            }
            s.updatePositions(x, y);
            assertTrue(s.getViewBounds().contains(100, 0) && s.getViewBounds().contains(120, 20));

            scroll(s, new Point2D(300, 200), 80);
            Rectangle2D zoomed = s.getViewBounds();
            s.updatePositions(new float[9], new float[9]);
            assertEquals(zoomed, s.getViewBounds(), "the user's zoom is kept");

            s.resetView();
            assertTrue(s.getViewBounds().contains(0, 0) && s.getViewBounds().getWidth() < 1e3);
        });
    }

    @Test
    void updatesKeepSelectionAndNewPointsClearIt() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.select(4);
            s.setHighlighted(new int[] {1, 2});
            s.updatePositions(new float[9], new float[9]);
            s.paintNow();
            assertEquals(4, s.getSelectedIndex());
            s.setPoints(new float[2], new float[2], null, null);
            assertEquals(-1, s.getSelectedIndex());
            assertThrows(IndexOutOfBoundsException.class, () -> s.setHighlighted(new int[] {2}));
        });
    }

    @Test
    void wrongSizedInputIsRejectedWithItsSizes() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            var e = assertThrows(IllegalArgumentException.class,
                    () -> s.updatePositions(new float[8], new float[8]));
            assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.setPoints(new float[3], new float[2], null, null));
            assertThrows(IllegalArgumentException.class,
                    () -> s.setPoints(new float[3], new float[3], new int[2], null));
            assertEquals(9, s.getPointCount(), "a rejected call leaves the old points");
        });
    }

    @Test
    void pointsAreDrawnInTheirLabelColourWithYPointingUp() {
        FxTestSupport.run(() -> {
            LatentScatter s = scatter(new float[] {0, 1}, new float[] {0, 1}, new int[] {2, 0});
            Image image = s.pointsImage();
            Point2D plot = s.plotOrigin();
            Point2D low = s.dataToLocal(0, 0).subtract(plot);
            Point2D high = s.dataToLocal(1, 1).subtract(plot);
            assertTrue(high.getY() < low.getY(), "larger y is higher on screen");
            Color a = image.getPixelReader().getColor((int) low.getX(), (int) low.getY());
            Color b = image.getPixelReader().getColor((int) high.getX(), (int) high.getY());
            assertColour(ScatterPalette.colorOf(2), a);
            assertColour(ScatterPalette.colorOf(0), b);
            assertEquals(0, image.getPixelReader().getColor(5, 5).getOpacity(), 1e-9);
        });
    }

    private static void assertColour(Color expected, Color actual) {
        assertTrue(actual.getOpacity() > 0.5, "opaque enough: " + actual);
        assertEquals(expected.getRed(), actual.getRed(), 0.02, actual.toString());
        assertEquals(expected.getGreen(), actual.getGreen(), 0.02, actual.toString());
        assertEquals(expected.getBlue(), actual.getBlue(), 0.02, actual.toString());
    }

    @Test
    void seventyThousandPointsCanBeHovered() {
        FxTestSupport.run(() -> {
            int n = 70_000;
            Random random = new Random(3);
            float[] x = new float[n];
            float[] y = new float[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
                x[i] = (float) (3 * Math.cos(labels[i]) + random.nextGaussian());
                y[i] = (float) (3 * Math.sin(labels[i]) + random.nextGaussian());
            }
            x[12_345] = 20;
            y[12_345] = 20;
            LatentScatter s = scatter(x, y, labels);
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(20, 20).add(1, 1), 0);
            assertEquals(12_345, s.getHoveredIndex());
            Point2D centre = s.dataToLocal(3 * Math.cos(4), 3 * Math.sin(4));
            int i = s.pointNear(centre.getX(), centre.getY(), 6);
            assertTrue(i >= 0);
            assertTrue(s.dataToLocal(x[i], y[i]).distance(centre) <= 6);
        });
    }

    @Test
    void hoverPopupShowsTheFactoryContentInsideTheComponent() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setHoverContent(i -> {
                Region box = new Region();
                box.setPrefSize(150, 120);
                box.setId("content-" + i);
                return box;
            });
            // The top-right point: the popup must flip left and down to stay inside.
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(2, 2), 0);
            assertEquals(8, s.getHoveredIndex());
            assertTrue(s.popup().isVisible());
            assertEquals("content-8", s.popup().getChildren().get(0).getId());
            Bounds b = s.popup().getBoundsInParent();
            assertTrue(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= 600 && b.getMaxY() <= 400, b.toString());
            assertTrue(b.getWidth() >= 150 && b.getHeight() >= 120, b.toString());
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(0.5, 0.5), 0);
            assertTrue(!s.popup().isVisible());

            // New points under the same cursor: index 8 again, but another example, so the content is asked anew.
            mouse(s, MouseEvent.MOUSE_MOVED, s.dataToLocal(2, 2), 0);
            int[] calls = {0};
            s.setHoverContent(i -> {
                calls[0]++;
                return new Region();
            });
            assertEquals(1, calls[0]);
            float[] x = new float[9];
            float[] y = new float[9];
            int[] labels = new int[9];
            for (int i = 0; i < 9; i++) {
                x[i] = i % 3;
                y[i] = i / 3;
                labels[i] = 8 - i;
            }
            s.setPoints(x, y, labels, DIGITS);
            assertEquals(8, s.getHoveredIndex());
            assertEquals(2, calls[0]);
            assertTrue(s.popup().isVisible());
        });
    }

    @Test
    void cssSetsForegroundAndGridColour() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setStyle("-bn-foreground: #ff0000; -bn-grid-color: #00ff00; -fx-font-size: 20px;");
            s.applyCss();
            assertEquals(Color.RED, s.getForeground());
            assertEquals(Color.LIME, s.getGridColor());
            assertEquals(20, s.getFont().getSize(), 1e-9);
        });
    }

    @Test
    void plusMinusAndZeroKeysZoomAndFit() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            Rectangle2D fitted = s.getViewBounds();
            key(s, KeyCode.PLUS);
            assertEquals(fitted.getWidth() / 1.25, s.getViewBounds().getWidth(), 1e-9);
            assertEquals(fitted.getMinX() + fitted.getWidth() / 2, s.getViewBounds().getMinX()
                    + s.getViewBounds().getWidth() / 2, 1e-9, "about the centre");
            key(s, KeyCode.MINUS);
            key(s, KeyCode.MINUS);
            assertEquals(fitted.getWidth() * 1.25, s.getViewBounds().getWidth(), 1e-9);
            key(s, KeyCode.DIGIT0);
            assertEquals(fitted, s.getViewBounds());
        });
    }

    private static void key(LatentScatter s, KeyCode code) {
        Event.fireEvent(s, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
    }

    @Test
    void appStylesheetFollowsTheDarkTheme() {
        FxTestSupport.run(() -> {
            new Label(); // loads Modena, whose looked-up colours the app's stylesheet uses, as any control does
            for (boolean dark : new boolean[] {false, true}) {
                LatentScatter s = new LatentScatter();
                Scene scene = new Scene(new StackPane(s), 400, 300);
                scene.getStylesheets().add(css("bottleneck.css"));
                if (dark) {
                    scene.getStylesheets().add(css("bottleneck-dark.css"));
                }
                scene.getRoot().applyCss();
                double text = s.getForeground().getBrightness();
                double background = ((Color) s.getBackground().getFills().get(0).getFill()).getBrightness();
                assertTrue(dark ? text > 0.7 && background < 0.3 : text < 0.3 && background > 0.7,
                        (dark ? "dark" : "light") + ": text " + s.getForeground() + " on " + background);
            }
        });
    }

    private static String css(String name) {
        return LatentScatter.class.getResource("/dev/bottleneck/app/" + name).toExternalForm();
    }

    @Test
    void nonFinitePointsAreIgnoredWhenFitting() {
        FxTestSupport.run(() -> {
            LatentScatter s = scatter(new float[] {0, Float.NaN, 1, Float.POSITIVE_INFINITY},
                    new float[] {0, 5, 1, 3}, null);
            Rectangle2D view = s.getViewBounds();
            assertTrue(view.getWidth() < 2 && view.getHeight() < 2, view.toString());
            assertNotEquals(-1, s.pointNear(s.dataToLocal(1, 1).getX(), s.dataToLocal(1, 1).getY(), 3));
        });
    }
}

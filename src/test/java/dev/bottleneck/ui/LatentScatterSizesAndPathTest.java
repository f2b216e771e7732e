package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hollow points sized by a value, and the path overlay, checked in the rendered pixels. */
class LatentScatterSizesAndPathTest {

    @BeforeAll
    static void startFx() {
        FxTestSupport.start();
    }

    /** Points 0..8 on a 3 x 3 lattice with spacing 1, labels 0..8, in a 600 x 400 scene, painted. */
    private static LatentScatter lattice() {
        float[] x = new float[9];
        float[] y = new float[9];
        int[] labels = new int[9];
        for (int i = 0; i < 9; i++) {
            x[i] = i % 3;
            y[i] = i / 3;
            labels[i] = i;
        }
        LatentScatter s = new LatentScatter();
        new Scene(s, 600, 400);
        s.setPoints(x, y, labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"));
        s.applyCss();
        s.resize(600, 400);
        s.layout();
        s.paintNow();
        return s;
    }

    /** Values 0..8: point 8 gets the largest ring, point 0 the smallest, point 4 the middle one. */
    private static float[] ascending() {
        float[] v = new float[9];
        for (int i = 0; i < 9; i++) {
            v[i] = i;
        }
        return v;
    }

    /** The pixel of the points image that contains data point i, as {x, y}. */
    private static int[] pixelOf(LatentScatter s, int i) {
        Point2D p = s.dataToLocal(i % 3, i / 3).subtract(s.plotOrigin());
        return new int[] {(int) Math.floor(p.getX()), (int) Math.floor(p.getY())};
    }

    private static double opacity(Image image, int x, int y) {
        return image.getPixelReader().getColor(x, y).getOpacity();
    }

    /** Pixels with some colour in the 31 x 31 square around point i. */
    private static int paintedAround(LatentScatter s, int i) {
        int[] c = pixelOf(s, i);
        PixelReader r = s.pointsImage().getPixelReader();
        int count = 0;
        for (int dy = -15; dy <= 15; dy++) {
            for (int dx = -15; dx <= 15; dx++) {
                count += r.getColor(c[0] + dx, c[1] + dy).getOpacity() > 0.1 ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void sizesOfTheWrongLengthAreRefused() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            var e = assertThrows(IllegalArgumentException.class, () -> s.setPointSizes(new float[8]));
            assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"), e.getMessage());
            assertFalse(s.hasPointSizes());
            assertThrows(IllegalArgumentException.class, () -> s.setPath(new float[2], new float[3]));
            assertThrows(IllegalArgumentException.class, () -> s.setPath(new float[2], null));
        });
    }

    @Test
    void sizedPointsAreHollowRingsInTheirLabelColour() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setPointSizes(ascending());
            s.paintNow();
            Image image = s.pointsImage();
            int[] c = pixelOf(s, 8);
            // Point 8 has the largest ring, 14 px across: its centre is empty, its rim (6 px out) coloured.
            assertEquals(0, opacity(image, c[0], c[1]), 1e-9, "the centre of a ring is background");
            Color rim = image.getPixelReader().getColor(c[0] + 6, c[1]);
            assertTrue(rim.getOpacity() > 0.5, "the rim is painted: " + rim);
            Color label = ScatterPalette.colorOf(8);
            assertEquals(label.getRed(), rim.getRed(), 0.03, "in the label colour: " + rim);
            assertEquals(label.getGreen(), rim.getGreen(), 0.03, "in the label colour: " + rim);
            assertEquals(label.getBlue(), rim.getBlue(), 0.03, "in the label colour: " + rim);
            assertEquals(0, opacity(image, c[0] + 9, c[1]), 1e-9, "nothing outside the ring");
            assertTrue(s.hasPointSizes());
        });
    }

    @Test
    void aLargerValueGivesALargerRing() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setPointSizes(ascending());
            s.paintNow();
            int small = paintedAround(s, 0);
            int middle = paintedAround(s, 4);
            int large = paintedAround(s, 8);
            assertTrue(small < middle && middle < large, small + " < " + middle + " < " + large);
            int[] c4 = pixelOf(s, 4);
            assertEquals(0, opacity(s.pointsImage(), c4[0] + 6, c4[1]), 1e-9, "the middle ring is 8.5 px across");
            assertTrue(opacity(s.pointsImage(), c4[0] + 4, c4[1]) > 0.5);
        });
    }

    @Test
    void nullSizesRestoreFilledDotsAndNewPointsClearSizes() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setPointSizes(ascending());
            s.paintNow();
            s.setPointSizes(null);
            s.paintNow();
            int[] c = pixelOf(s, 8);
            assertTrue(opacity(s.pointsImage(), c[0], c[1]) > 0.5, "a filled dot again");
            assertFalse(s.hasPointSizes());

            s.setPointSizes(ascending());
            s.setPoints(new float[3], new float[3], null, null);
            assertFalse(s.hasPointSizes());
        });
    }

    @Test
    void hoverReachesTheRimOfALargeRing() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setPointSizes(ascending());
            s.setPointSizeCaption("ring size: test error");
            s.paintNow();
            Point2D rim = s.dataToLocal(2, 2).add(7, 0);
            Event.fireEvent(s, new MouseEvent(MouseEvent.MOUSE_MOVED, rim.getX(), rim.getY(), rim.getX(), rim.getY(),
                    MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null));
            assertEquals(8, s.getHoveredIndex());
            s.paintNow();
        });
    }

    private static boolean isPathColour(Image image, Point2D p) {
        Color c = image.getPixelReader().getColor((int) Math.floor(p.getX()), (int) Math.floor(p.getY()));
        Color path = ScatterOverlays.PATH_COLOR;
        return c.getOpacity() > 0.8 && Math.abs(c.getRed() - path.getRed()) < 0.1
                && Math.abs(c.getGreen() - path.getGreen()) < 0.1 && Math.abs(c.getBlue() - path.getBlue()) < 0.1;
    }

    @Test
    void thePathIsDrawnInDataCoordinatesFollowsZoomAndClears() {
        FxTestSupport.run(() -> {
            LatentScatter s = lattice();
            s.setPath(new float[] {0, 1, 2}, new float[] {1, 1, 1});
            s.paintNow();
            Point2D plot = s.plotOrigin();
            Point2D before = s.dataToLocal(0.5, 1).subtract(plot);
            assertTrue(isPathColour(s.marksImage(), before), "between the first two points");
            assertTrue(isPathColour(s.marksImage(), s.dataToLocal(1.5, 1).subtract(plot)));
            assertFalse(isPathColour(s.marksImage(), s.dataToLocal(0.5, 1.5).subtract(plot)), "only on the path");

            // Zoom in about a point above the path: the path moves down on screen and stays under its data.
            Point2D cursor = s.dataToLocal(1, 1.8);
            Event.fireEvent(s, new ScrollEvent(ScrollEvent.SCROLL, cursor.getX(), cursor.getY(), cursor.getX(),
                    cursor.getY(), false, false, false, false, false, false, 0, 80, 0, 80,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                    null));
            s.paintNow();
            Point2D after = s.dataToLocal(0.5, 1).subtract(plot);
            assertTrue(after.getY() - before.getY() > 10, before + " -> " + after);
            assertTrue(isPathColour(s.marksImage(), after), "the path follows the zoom");
            assertFalse(isPathColour(s.marksImage(), before), "and is no longer where it was");

            s.setPath(null, null);
            s.paintNow();
            assertFalse(isPathColour(s.marksImage(), after), "null clears the path");
        });
    }
}
